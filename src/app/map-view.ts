/**
 * @module The map's view of every incident matching a filter, aggregated on the server so a map of 100,000 incidents
 * is a few hundred marks: incidents placed to a point or district are clustered in a grid that shrinks as the map
 * zooms in; those known only to a region are grouped by region (the map shades the region), and those known only to
 * a country by country (a badge, never a shaded country). None is left out: each is counted in exactly one group.
 */
import { countryName } from '../gazetteer/gazetteer.js'
import type { IncidentId } from '../domain/ids.js'
import type { Place } from '../domain/place.js'
import type { PlacePrecision } from '../domain/values.js'
import type { IncidentFilter, MapPoint, Store } from '../storage/store.js'

/** Deepest zoom the map offers (cells of about 0.02°, a couple of kilometres). */
export const MAX_MAP_ZOOM = 12
/** A group lists its incidents when it has at most this many, so a click can open them without another request. */
export const LISTED_PER_GROUP = 8

/** What part of the world is looked at: a zoom level and, optionally, a box [west, south, east, north] in degrees. */
export interface MapWindow {
  readonly zoom: number
  readonly bbox?: readonly [number, number, number, number]
}

/** One incident in a group small enough to list. */
export interface MapItem {
  readonly id: IncidentId
  readonly name: string | null
  readonly precision: PlacePrecision
  readonly lat: number | null
  readonly lon: number | null
  readonly killedLow: number | null
  readonly killedHigh: number | null
}

/** Killed, summed over a group: `high` null when some incident's figure has no upper bound. */
interface Sums {
  count: number
  killedLow: number
  killedHigh: number | null
  /** Incidents with any killed figure (the others add nothing to the sums). */
  withFigures: number
}

/** A cluster of incidents placed to a point, a village or a district, at the mean of their coordinates. */
export interface MapCell extends Readonly<Sums> {
  readonly lat: number
  readonly lon: number
  /** The least precise place in the cell (`district` means some are known only to about 30 km). */
  readonly precision: PlacePrecision
  /** Box of the incidents in the cell [west, south, east, north], so a click can zoom to exactly them. */
  readonly bounds: readonly [number, number, number, number]
  readonly items: readonly MapItem[]
}

/** Incidents known only to a region (first-level area), by country and region name. */
export interface MapRegion extends Readonly<Sums> {
  readonly country: string | null
  readonly region: string
  readonly lat: number | null
  readonly lon: number | null
  readonly items: readonly MapItem[]
}

/** Incidents known only to a country, drawn as one badge at the country's centre, never as the whole country. */
export interface MapCountry extends Readonly<Sums> {
  readonly country: string
  readonly name: string
  readonly lat: number | null
  readonly lon: number | null
  readonly items: readonly MapItem[]
}

/** Everything the map draws for a filter and a window. */
export interface MapView {
  /** Every incident matching the filter; the groups below (in and out of the window) and `unplaced` add up to it. */
  readonly total: number
  readonly zoom: number
  /** Cell size in degrees at this zoom. */
  readonly cellDegrees: number
  readonly cells: readonly MapCell[]
  readonly regions: readonly MapRegion[]
  readonly countries: readonly MapCountry[]
  /** Incidents placed to a point or district outside the window (counted, not drawn). */
  readonly outside: number
  /** Incidents with no usable place (no country, no coordinates). */
  readonly unplaced: number
  /** Box of every incident placed to a point or district [west, south, east, north], or null: where to look first. */
  readonly bounds: readonly [number, number, number, number] | null
  /** The countries of the incidents drawn (the map loads their region boundaries). */
  readonly countryCodes: readonly string[]
}

/** Cell size in degrees at a zoom level: 30° at 0 (a dozen columns across the world), halving with each level. */
export const cellDegrees = (zoom: number): number => 30 / 2 ** zoom

const POINTLIKE: ReadonlySet<PlacePrecision> = new Set(['exact', 'locality', 'district'])
const RANK: Record<PlacePrecision, number> = { exact: 0, locality: 1, district: 2, region: 3, country: 4, unknown: 5 }

function emptySums(): Sums {
  return { count: 0, killedLow: 0, killedHigh: 0, withFigures: 0 }
}

function add(s: Sums, p: MapPoint): void {
  s.count++
  if (p.killedLow === null) return
  s.withFigures++
  s.killedLow += p.killedLow
  s.killedHigh = s.killedHigh === null || p.killedHigh === null ? null : s.killedHigh + p.killedHigh
}

function item(p: MapPoint): MapItem {
  const pl = p.place
  return { id: p.id, name: pl?.name ?? pl?.admin1 ?? null, precision: pl?.precision ?? 'unknown', lat: pl?.lat ?? null, lon: pl?.lon ?? null, killedLow: p.killedLow, killedHigh: p.killedHigh }
}

const inBox = (lat: number, lon: number, b: readonly [number, number, number, number]): boolean =>
  lat >= b[1] && lat <= b[3] && (b[0] <= b[2] ? lon >= b[0] && lon <= b[2] : lon >= b[0] || lon <= b[2])

/** Widens box [west, south, east, north] to take in a point. */
function grow(box: [number, number, number, number], lon: number, lat: number): void {
  if (lon < box[0]) box[0] = lon
  if (lat < box[1]) box[1] = lat
  if (lon > box[2]) box[2] = lon
  if (lat > box[3]) box[3] = lat
}

/** How a point is grouped: a grid cell, a region, a country, or nowhere. */
function kindOf(pl: Place | null): 'point' | 'region' | 'country' | 'none' {
  if (pl === null) return 'none'
  if (POINTLIKE.has(pl.precision) && pl.lat !== null && pl.lon !== null) return 'point'
  if (pl.precision === 'region' && (pl.admin1 || pl.name)) return 'region'
  if (pl.country) return 'country'
  return 'none'
}

/** Aggregates map points for a window (pure: the route reads the points, this groups them). */
export function aggregateMap(points: readonly MapPoint[], window: MapWindow): MapView {
  const zoom = Math.max(0, Math.min(MAX_MAP_ZOOM, Math.round(window.zoom)))
  const size = cellDegrees(zoom)
  type CellAcc = Sums & { lat: number; lon: number; rank: number; box: [number, number, number, number]; members: MapPoint[] }
  // Keyed by column and row as one number, and boxes grown in place: at 100,000 points a key string and a new box
  // array per point were most of this function's time (bench/map.mjs).
  const cells = new Map<number, CellAcc>()
  const regions = new Map<string, Sums & { country: string | null; region: string; lat: number | null; lon: number | null; members: MapPoint[] }>()
  const countries = new Map<string, Sums & { members: MapPoint[] }>()
  let outside = 0
  let unplaced = 0
  let bounds: [number, number, number, number] | null = null
  const columns = Math.ceil(360 / size) + 1
  const codes = new Set<string>()
  for (const p of points) {
    const pl = p.place
    switch (kindOf(pl)) {
      case 'point': {
        const lat = pl!.lat!
        const lon = pl!.lon!
        if (bounds === null) bounds = [lon, lat, lon, lat]
        else grow(bounds, lon, lat)
        if (window.bbox !== undefined && !inBox(lat, lon, window.bbox)) {
          outside++
          break
        }
        if (pl!.country) codes.add(pl!.country)
        const key = Math.floor((lat + 90) / size) * columns + Math.floor((lon + 180) / size)
        let c = cells.get(key)
        if (!c) cells.set(key, (c = { ...emptySums(), lat: 0, lon: 0, rank: 0, box: [lon, lat, lon, lat], members: [] }))
        add(c, p)
        c.lat += lat
        c.lon += lon
        c.rank = Math.max(c.rank, RANK[pl!.precision])
        grow(c.box, lon, lat)
        if (c.members.length <= LISTED_PER_GROUP) c.members.push(p)
        break
      }
      case 'region': {
        if (pl!.country) codes.add(pl!.country)
        const region = pl!.admin1 ?? pl!.name!
        const key = `${pl!.country ?? ''}:${region.toLowerCase()}`
        let r = regions.get(key)
        if (!r) regions.set(key, (r = { ...emptySums(), country: pl!.country, region, lat: pl!.lat, lon: pl!.lon, members: [] }))
        add(r, p)
        if (r.members.length <= LISTED_PER_GROUP) r.members.push(p)
        break
      }
      case 'country': {
        codes.add(pl!.country!)
        let k = countries.get(pl!.country!)
        if (!k) countries.set(pl!.country!, (k = { ...emptySums(), members: [] }))
        add(k, p)
        if (k.members.length <= LISTED_PER_GROUP) k.members.push(p)
        break
      }
      default:
        unplaced++
    }
  }
  const listed = (s: Sums & { members: MapPoint[] }): MapItem[] => (s.count <= LISTED_PER_GROUP ? s.members.map(item) : [])
  const sums = (s: Sums): Sums => ({ count: s.count, killedLow: s.killedLow, killedHigh: s.killedHigh, withFigures: s.withFigures })
  const precisions = Object.keys(RANK) as PlacePrecision[]
  return {
    total: points.length,
    zoom,
    cellDegrees: size,
    cells: [...cells.values()].map((c) => ({ ...sums(c), lat: c.lat / c.count, lon: c.lon / c.count, precision: precisions[c.rank]!, bounds: c.box, items: listed(c) })),
    regions: [...regions.values()].map((r) => ({ ...sums(r), country: r.country, region: r.region, lat: r.lat, lon: r.lon, items: listed(r) })),
    countries: [...countries.entries()].map(([code, k]) => {
      const centre = k.members.find((m) => m.place?.lat !== null && m.place?.lon !== null)?.place
      return { ...sums(k), country: code, name: countryName(code) ?? code, lat: centre?.lat ?? null, lon: centre?.lon ?? null, items: listed(k) }
    }),
    outside,
    unplaced,
    bounds,
    countryCodes: [...codes].sort(),
  }
}

/** The map view of every incident matching `filter`, for `window`. */
export async function mapView(store: Store, filter: IncidentFilter, window: MapWindow): Promise<MapView> {
  return aggregateMap(await store.incidents.mapPoints(filter), window)
}
