/**
 * @module Every incident matching a filter as a map needs it (id, place, killed low and high), in one query: a map
 * must represent all of them, and reading whole incidents (figures, links) page by page cost seconds at 100,000.
 */
import type { IncidentId } from '../../domain/ids.js'
import type { Place } from '../../domain/place.js'
import type { MapPoint } from '../store.js'
import type { Dialect } from './dialect.js'
import type { SqlValue } from './executor.js'
import type { Scope } from './scope.js'

/** The matching incidents' source, as the list query builds it: a FROM, its incident id column, and the WHERE. */
export interface MatchSource {
  readonly from: string
  readonly id: string
  readonly where: { readonly sql: string; readonly params: readonly SqlValue[] }
}

const FIELDS = ['lat', 'lon', 'precision', 'admin1', 'name'] as const

/**
 * The place fields the map reads, as SQLite expressions: migration 13 indexes exactly these (with the filter columns
 * and killed_high), so the map's query is answered from that index without reading incident rows.
 */
export const MAP_PLACE_SQLITE: readonly string[] = FIELDS.map((f) => `json_extract(place, '$.${f}')`)

/** The place fields as the dialect reads a field of JSON text (SQLite's are MAP_PLACE_SQLITE, over `alias`). */
const placeFields = (d: Dialect, alias: string): string =>
  FIELDS.map((f, k) => `${d.jsonTextField(`${alias}.place`, f, k < 2 ? 'number' : 'text')} AS p_${f}`).join(', ')

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** The map points of the incidents `source` matches; `unbounded` is the stored stand-in for "no upper bound". */
export async function mapPoints(s: Scope, source: MatchSource, unbounded: number): Promise<MapPoint[]> {
  const { x, dialect } = s
  // Incident rows themselves are matched directly (the index above covers it); a figure-row source (a casualty
  // threshold in a category) is matched through its incident ids.
  const where = source.from === 'incidents i' ? source.where.sql : `WHERE i.id IN (SELECT ${source.id} FROM ${source.from} ${source.where.sql})`
  // The low is the highest low of any killed figure (as killed_high is the highest high), so a cluster's range
  // never claims fewer dead than one of its incidents' own categories does.
  const rows = await x.all(
    `SELECT i.id, i.country, i.killed_high AS hi, ${placeFields(dialect, 'i')},
            (SELECT max(coalesce(f.min, 0)) FROM incident_figures f WHERE f.incident_id = i.id AND f.measure = 'killed') AS lo
       FROM incidents i ${where}`,
    source.where.params,
  )
  return rows.map((r) => {
    const hi = num(r.hi)
    const precision = text(r.p_precision)
    const place: Place | null =
      precision === null && r.country === null
        ? null
        : { name: text(r.p_name), admin1: text(r.p_admin1), country: text(r.country), lat: num(r.p_lat), lon: num(r.p_lon), precision: (precision ?? 'unknown') as Place['precision'] }
    return { id: String(r.id) as IncidentId, place, killedLow: num(r.lo), killedHigh: hi === null || hi >= unbounded ? null : hi }
  })
}
