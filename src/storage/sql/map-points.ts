/**
 * @module Every incident matching a filter as a map needs it (id, place, killed low and high): from the list snapshot
 * when it is current (a scan over its columns), else in one SQL query. A map must represent all of them, and reading
 * each matching incident's place from SQL cost seconds at 100,000 incidents (bench/map.mjs).
 */
import type { IncidentId } from '../../domain/ids.js'
import type { Place } from '../../domain/place.js'
import type { IncidentFilter, MapPoint } from '../store.js'
import type { Dialect } from './dialect.js'
import { incidentSource } from './incident-query.js'
import { snapshot, type Scope } from './scope.js'

const FIELDS = ['lat', 'lon', 'precision', 'admin1', 'name'] as const

/**
 * The place fields the map reads, as SQLite expressions: migration 13 indexes exactly these (with the filter columns
 * and killed_high), so the map's query is answered from that index without reading incident rows.
 */
export const MAP_PLACE_SQLITE: readonly string[] = FIELDS.map((f) => `json_extract(place, '$.${f}')`)

/**
 * The place fields as the dialect reads a field of JSON text (SQLite's are MAP_PLACE_SQLITE, over `alias`), named
 * p_lat, p_lon, p_precision, p_admin1 and p_name: the SQL path and the list snapshot read them alike.
 */
export const mapPlaceFields = (d: Dialect, alias: string): string =>
  FIELDS.map((f, k) => `${d.jsonTextField(`${alias}.place`, f, k < 2 ? 'number' : 'text')} AS p_${f}`).join(', ')

/** A coordinate as read from a row: null for none. */
export const placeNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
/** A place's text field as read from a row: null for none or for a value that is not text. */
export const placeText = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** An incident's place fields as the map reads them (see mapPlaceFields). */
export interface MapPlaceFields {
  readonly lat: number | null
  readonly lon: number | null
  readonly precision: string | null
  readonly admin1: string | null
  readonly name: string | null
}

/**
 * One map point, built alike from a SQL row and from the snapshot's columns: no place when it has neither a precision
 * nor a country; `hi` at or above `unbounded` (the stored stand-in for no upper bound) is null.
 */
export function mapPoint(id: string, country: string | null, p: MapPlaceFields, lo: number | null, hi: number | null, unbounded: number): MapPoint {
  const place: Place | null =
    p.precision === null && country === null
      ? null
      : { name: p.name, admin1: p.admin1, country, lat: p.lat, lon: p.lon, precision: (p.precision ?? 'unknown') as Place['precision'] }
  return { id: id as IncidentId, place, killedLow: lo, killedHigh: hi === null || hi >= unbounded ? null : hi }
}

/** The map points of the incidents `filter` matches; `unbounded` is the stored stand-in for "no upper bound". */
export async function mapPoints(s: Scope, filter: IncidentFilter, unbounded: number): Promise<MapPoint[]> {
  const fromSnap = (await snapshot(s))?.mapPoints(filter, unbounded)
  if (fromSnap) return fromSnap
  const { x, dialect } = s
  const source = incidentSource(filter)
  // Incident rows themselves are matched directly (the index above covers it); a figure-row source (a casualty
  // threshold in a category) is matched through its incident ids.
  const where = source.from === 'incidents i' ? source.where.sql : `WHERE i.id IN (SELECT ${source.id} FROM ${source.from} ${source.where.sql})`
  // The low is the highest low of any killed figure (as killed_high is the highest high), so a cluster's range
  // never claims fewer dead than one of its incidents' own categories does.
  const rows = await x.all(
    `SELECT i.id, i.country, i.killed_high AS hi, ${mapPlaceFields(dialect, 'i')},
            (SELECT max(coalesce(f.min, 0)) FROM incident_figures f WHERE f.incident_id = i.id AND f.measure = 'killed') AS lo
       FROM incidents i ${where}`,
    source.where.params,
  )
  return rows.map((r) =>
    mapPoint(
      String(r.id),
      placeText(r.country),
      { lat: placeNumber(r.p_lat), lon: placeNumber(r.p_lon), precision: placeText(r.p_precision), admin1: placeText(r.p_admin1), name: placeText(r.p_name) },
      placeNumber(r.lo),
      placeNumber(r.hi),
      unbounded,
    ),
  )
}
