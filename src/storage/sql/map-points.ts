/**
 * @module Every incident matching a filter as a map needs it (id, place, killed low and high), in one query: a map
 * must represent all of them, and reading whole incidents (figures, links) page by page cost seconds at 100,000.
 */
import type { IncidentId } from '../../domain/ids.js'
import type { Place } from '../../domain/place.js'
import type { MapPoint } from '../store.js'
import type { Executor, SqlValue } from './executor.js'

/** The matching incidents' source, as the list query builds it: a FROM, its incident id column, and the WHERE. */
export interface MatchSource {
  readonly from: string
  readonly id: string
  readonly where: { readonly sql: string; readonly params: readonly SqlValue[] }
}

/** The map points of the incidents `source` matches; `unbounded` is the stored stand-in for "no upper bound". */
export async function mapPoints(x: Executor, source: MatchSource, unbounded: number): Promise<MapPoint[]> {
  // The low is the highest low of any killed figure (as killed_high is the highest high), so a cluster's range
  // never claims fewer dead than one of its incidents' own categories does.
  const rows = await x.all(
    `SELECT m.id, m.place, m.killed_high AS hi,
            (SELECT max(coalesce(f.min, 0)) FROM incident_figures f WHERE f.incident_id = m.id AND f.measure = 'killed') AS lo
       FROM incidents m
      WHERE m.id IN (SELECT ${source.id} FROM ${source.from} ${source.where.sql})`,
    source.where.params,
  )
  return rows.map((r) => {
    const hi = r.hi === null || r.hi === undefined ? null : Number(r.hi)
    const lo = r.lo === null || r.lo === undefined ? null : Number(r.lo)
    return {
      id: String(r.id) as IncidentId,
      place: typeof r.place === 'string' ? (JSON.parse(r.place) as Place) : null,
      killedLow: lo,
      killedHigh: hi === null || hi >= unbounded ? null : hi,
    }
  })
}
