/**
 * @module The incidents map: country boundaries shipped with the app (no tile server), markers sized by casualties,
 * and places known only to a district, region or country drawn as translucent areas of that size, never as pins.
 */
import { geoBounds, geoCircle, geoMercator, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo'
import { feature } from 'topojson-client'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Topology, GeometryCollection } from 'topojson-specification'
import type { Incident, PlacePrecision } from '../../../src/domain/index.js'
import { allIncidents } from '../all-incidents.js'
import { Filters, filterKey, readFilter } from '../filters.js'
import { formatRange, killed, periodText, placeText, plural } from '../format.js'
import { ErrorNote, Title, useLoad } from '../ui.js'

type Countries = FeatureCollection<Geometry, { name: string; a2: string | null }>

let boundaries: Promise<Countries> | undefined
/** Fetches the boundaries once per page load; they are a static file beside the app, not part of the bundle. */
function loadBoundaries(): Promise<Countries> {
  boundaries ??= fetch('/geo/countries-50m.json')
    .then((r) => {
      if (!r.ok) throw new Error(`Could not load the country boundaries (${r.status})`)
      return r.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string; a2: string | null }> }>>
    })
    .then((t) => feature(t, t.objects.countries) as unknown as Countries)
  boundaries.catch(() => (boundaries = undefined))
  return boundaries
}

/** Radius in km of the area drawn for a place known only to this precision; 0 means a point may be drawn. */
export const PRECISION_KM: Record<PlacePrecision, number | null> = { exact: 0, locality: 0, district: 30, region: 120, country: null, unknown: null }

const W = 960
const H = 560

/** The map page. */
export function MapPage({ query }: { query: URLSearchParams }) {
  const filter = readFilter(query)
  const { data, error, loading } = useLoad(async () => {
    const [countries, incidents] = await Promise.all([loadBoundaries(), allIncidents(filter)])
    return { countries, ...incidents }
  }, filterKey(filter))
  return (
    <section>
      <Title>Map</Title>
      <Filters value={filter} path="/map" />
      <ErrorNote error={error} />
      {loading && <p aria-live="polite">Loading…</p>}
      {data && <MapView countries={data.countries} incidents={data.items} total={data.total} />}
    </section>
  )
}

function MapView({ countries, incidents, total }: { countries: Countries; incidents: Incident[]; total: number }) {
  const points = incidents.filter((i) => i.place && i.place.lat !== null && i.place.lon !== null && PRECISION_KM[i.place.precision] !== null)
  const byCountry = new Map<string, Incident[]>()
  for (const i of incidents) {
    if (i.place?.country && (i.place.precision === 'country' || i.place.lat === null)) {
      byCountry.set(i.place.country, [...(byCountry.get(i.place.country) ?? []), i])
    }
  }
  const unplaced = incidents.filter((i) => !i.place || (!i.place.country && (i.place.lat === null || i.place.precision === 'unknown')))
  const shaded = countries.features.filter((f) => f.properties.a2 && byCountry.has(f.properties.a2))
  // Fit to what is drawn, with room around it; the whole world when nothing has a place.
  const focus: Feature[] = [
    ...points.map((i): Feature => ({ type: 'Feature', properties: {}, geometry: geoCircle().center([i.place!.lon!, i.place!.lat!]).radius(4)() })),
    ...(shaded as Feature[]),
  ]
  // Zoomed in, a conformal projection keeps precision circles round; a continent or the world reads better in Natural Earth.
  const collection = { type: 'FeatureCollection', features: focus } as GeoPermissibleObjects
  const [[west, south], [east, north]] = focus.length ? geoBounds(collection) : [[-180, -90], [180, 90]]
  const wide = !focus.length || east - west > 80 || east < west || north - south > 60
  const projection = wide ? geoNaturalEarth1() : geoMercator()
  if (focus.length) projection.fitExtent([[20, 20], [W - 20, H - 20]], collection)
  else projection.fitSize([W, H], countries as GeoPermissibleObjects)
  const path = geoPath(projection)
  const maxK = Math.max(1, ...incidents.map((i) => { const k = killed(i); return k.max ?? k.min }))
  const size = (i: Incident): number => { const k = killed(i); return 3 + 17 * Math.sqrt((k.max ?? k.min) / maxK) }
  const strength = (list: Incident[]): number => { const k = list.reduce((s, i) => s + (killed(i).max ?? killed(i).min), 0); return 0.15 + 0.4 * Math.min(1, k / maxK) }
  const ordered = [...points].sort((a, b) => size(b) - size(a))
  return (
    <>
      <p aria-live="polite">
        {plural(incidents.length, 'incident')}{incidents.length < total ? ` of ${total}` : ''}: {points.length} with a located place, {plural(byCountry.size, 'country', 'countries')} shaded for
        incidents known only by country, {unplaced.length} without a place (not drawn).
      </p>
      <figure class="card map">
        <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Map of incidents" preserveAspectRatio="xMidYMid meet">
          <rect width={W} height={H} class="sea" />
          <g class="countries" aria-hidden="true">
            {countries.features.map((f, k) => (
              <path key={k} d={path(f) ?? ''} />
            ))}
          </g>
          <g class="country-areas">
            {shaded.map((f) => {
              const list = byCountry.get(f.properties.a2!)!
              return (
                <a key={f.properties.a2} href={list.length === 1 ? `/incidents/${encodeURIComponent(list[0]!.id)}` : `/incidents?country=${f.properties.a2}`} aria-label={`${list.length} incidents known only as in ${f.properties.name}`}>
                  <title>{`${f.properties.name}: ${list.length} incidents placed only to the country`}</title>
                  <path d={path(f) ?? ''} style={{ fillOpacity: strength(list) }} />
                </a>
              )
            })}
          </g>
          <g class="incidents">
            {ordered.map((i) => {
              const p = i.place!
              const km = PRECISION_KM[p.precision] ?? 0
              const label = `${periodText(i.date)}, ${placeText(p)}: ${formatRange(killed(i))} killed`
              return (
                <a key={i.id} href={`/incidents/${encodeURIComponent(i.id)}`} aria-label={label}>
                  <title>{label}</title>
                  {km > 0 ? (
                    <path class={`area precision-${p.precision}`} d={path(geoCircle().center([p.lon!, p.lat!]).radius(km / 111.2)()) ?? ''} style={{ fillOpacity: strength([i]) }} />
                  ) : (
                    (() => {
                      const xy = projection([p.lon!, p.lat!])
                      return xy ? <circle class="point" cx={xy[0]} cy={xy[1]} r={size(i)} /> : null
                    })()
                  )}
                </a>
              )
            })}
          </g>
        </svg>
        <figcaption class="legend">
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="7" class="point" /></svg> located to a village or exact point; size by people killed</span>
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="8" class="area" /></svg> known only to a district (30 km) or region (120 km): drawn as an area, shade by people killed</span>
          <span><svg width="18" height="18" aria-hidden="true"><rect x="1" y="3" width="16" height="12" class="country-swatch" /></svg> known only to the country</span>
          <span class="muted">Boundaries: Natural Earth 1:50m countries (public domain), shipped with the app.</span>
        </figcaption>
      </figure>
      <details class="card">
        <summary>List of incidents on this map</summary>
        <ul>
          {incidents.map((i) => (
            <li key={i.id}>
              <a href={`/incidents/${encodeURIComponent(i.id)}`}>{periodText(i.date)}</a> · {placeText(i.place)} · {formatRange(killed(i))} killed
            </li>
          ))}
        </ul>
      </details>
    </>
  )
}
