/** @module Casualty totals of the incidents matching a filter, grouped by year, month, country or actor. */
import type { IncidentFilter, TotalGroup, TotalRow } from '../store.js'
import { GROUPS, incidentWhere } from './incident-query.js'
import { snapshot, type Scope } from './scope.js'
import { int, str } from './sql-util.js'
import { cubeAnswers, cubeTotals, sortTotals } from './totals-cube.js'

/** Casualty totals by a grouping under a filter: from the list snapshot, else the totals cube, else the figure rows. */
export async function incidentTotals(s: Scope, groupBy: TotalGroup, filter: IncidentFilter = {}): Promise<TotalRow[]> {
  const snap = await snapshot(s)
  const fromSnap = snap?.totals(groupBy, filter)
  if (fromSnap) return fromSnap
  if (cubeAnswers(filter)) return cubeTotals(s.x, groupBy, filter)
  const w = incidentWhere(filter, 'figures')
  const rows = await s.x.all(
    `SELECT ${GROUPS[groupBy]} AS grp, i.measure, i.category, sum(coalesce(i.min, 0)) AS low,
            CASE WHEN count(i.max) = count(*) THEN sum(i.max) END AS high, count(*) AS n
       FROM incident_figures i ${w.sql}
      GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3`,
    w.params,
  )
  return sortTotals(
    rows.map((r) => ({
      group: str(r.grp),
      measure: String(r.measure) as TotalRow['measure'],
      category: String(r.category) as TotalRow['category'],
      low: Number(r.low),
      high: int(r.high),
      incidents: Number(r.n),
    })),
  )
}
