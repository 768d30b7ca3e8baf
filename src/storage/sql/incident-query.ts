/**
 * @module The incident filter as SQL: the WHERE of a list or totals query, where a list reads its incidents from,
 * its ORDER BY, and the grouping expressions of totals. Both dialects accept this SQL as it is.
 */
import { DomainError } from '../../domain/errors.js'
import type { IncidentFilter, IncidentSort, TotalGroup } from '../store.js'
import type { SqlValue } from './executor.js'
import { categoryBit } from './rows.js'
import { Where } from './sql-util.js'

/**
 * SQL conditions for an incident filter over `incidents i` or (for totals) `incident_figures i`: both carry the
 * filter columns, so every condition but the per-category casualty threshold is read from index entries.
 */
export function incidentWhere(f: IncidentFilter, table: 'incidents' | 'figures'): { sql: string; params: SqlValue[] } {
  const w = new Where()
  const status = f.status ?? 'active'
  if (status !== 'all') w.add('i.status = ?', status)
  w.optional('i.date_last >= ?', f.from)
  w.optional('i.date_start <= ?', f.to)
  w.eq('i.country', f.country)
  w.eq('i.actor_lc', f.actor?.toLowerCase())
  w.eq('i.grade', f.grade)
  if (f.category !== undefined) {
    // A figure row is one category; an incident row has a bit for each category it has a figure in.
    if (table === 'figures') w.add('i.category = ?', f.category)
    else w.add('(i.categories & ?) <> 0', categoryBit(f.category))
  }
  if (f.minCasualties !== undefined) {
    // killed_high is the highest killed figure in any category (unbounded as UNBOUNDED_HIGH): it settles a threshold
    // without a category, and bounds the index range scanned with one.
    w.add('i.killed_high >= ?', f.minCasualties)
    if (f.category !== undefined) {
      // With a category only figure rows can say (their killed high in that category): see incidentSource.
      if (table === 'incidents') throw new DomainError('internal_error', 'a category threshold needs the figure rows')
      w.add('i.category_killed_high >= ?', f.minCasualties)
    }
  }
  return { sql: w.sql, params: w.params }
}

/** Where the incidents matching a filter are listed from: their rows, or (a casualty threshold in a category) their killed figure rows in that category, one per incident. */
export function incidentSource(f: IncidentFilter): { from: string; id: string; where: { sql: string; params: SqlValue[] } } {
  if (f.minCasualties === undefined || f.category === undefined) return { from: 'incidents i', id: 'i.id', where: incidentWhere(f, 'incidents') }
  const w = incidentWhere(f, 'figures')
  return { from: 'incident_figures i', id: 'i.incident_id', where: { sql: `${w.sql === '' ? 'WHERE' : `${w.sql} AND`} i.measure = 'killed'`, params: w.params } }
}

/** ORDER BY for a sort over a source whose incident id column is `id` (figure rows carry the incident's sort keys). */
export function orderBy(sort: IncidentSort, id: string): string {
  switch (sort) {
    case 'date':
      return `i.date_start ASC NULLS LAST, ${id} ASC`
    case '-date':
      return `i.date_start DESC NULLS LAST, ${id} DESC`
    case '-killed':
      return `i.killed_high DESC NULLS LAST, i.date_start ASC NULLS LAST, ${id} ASC`
  }
}

/** The SQL expression of each totals grouping, over `i` (incidents or figure rows). */
export const GROUPS: Record<TotalGroup, string> = {
  year: 'substr(i.date_start, 1, 4)',
  // See TOTAL_GROUPS: an incident whose dates leave their first month is summed under its start year, not January.
  month: 'CASE WHEN substr(i.date_start, 1, 7) = substr(i.date_last, 1, 7) THEN substr(i.date_start, 1, 7) ELSE substr(i.date_start, 1, 4) END',
  country: 'i.country',
  actor: 'i.actor',
}
