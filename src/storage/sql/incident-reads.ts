/**
 * @module Reading incidents: by id or row key with their links, requiring one, listing by a filter, the candidates a
 * claim may be linked to, and the sources behind each incident.
 */
import { addDays } from '../../domain/dates.js'
import { NotFound } from '../../domain/errors.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import type { Incident, IncidentLink } from '../../domain/incident.js'
import type { SourceSummary } from '../../domain/source.js'
import { pageBounds, type CandidateQuery, type IncidentFilter, type IncidentSort, type Page, type PageRequest } from '../store.js'
import { DATE_SPAN_LAST, earliestStart } from './date-span.js'
import type { Executor, Row, SqlValue } from './executor.js'
import { incidentSource, orderBy } from './incident-query.js'
import { incidentFromRow, summaryColumnsOf, summaryFromRow } from './rows.js'
import { snapshot, type Scope } from './scope.js'
import { chunks, IN_CHUNK, marks, str } from './sql-util.js'
import { FACT_COLUMNS, factFromRow, type FigureFact } from './totals-cube.js'

/**
 * Incidents by row key (seq), in the order given: rowid lookups cost half of id lookups on SQLite. `ids` are the
 * incidents expected at those keys; a row that is not (it changed since the keys were read) is left out.
 */
export async function incidentsBySeqs(x: Executor, seqs: readonly number[], ids: readonly string[]): Promise<Incident[]> {
  const bySeq = await incidentsWhere(x, 'seq', seqs)
  return seqs.flatMap((s, k) => {
    const inc = bySeq.get(s)
    return inc !== undefined && inc.id === ids[k] ? [inc] : []
  })
}

/** Incidents by id with their links, in the order given; unknown ids are left out. */
export async function incidentsByIds(x: Executor, ids: readonly string[]): Promise<Incident[]> {
  const byId = await incidentsWhere(x, 'id', ids)
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** The incidents whose `column` is one of `keys`, with their links, by that key. */
async function incidentsWhere<K extends string | number>(x: Executor, column: 'id' | 'seq', keys: readonly K[]): Promise<Map<K, Incident>> {
  if (keys.length === 0) return new Map()
  const rows: Row[] = []
  for (const part of chunks(keys, IN_CHUNK)) rows.push(...(await x.all(`SELECT * FROM incidents WHERE ${column} IN (${marks(part.length)})`, part)))
  const links = await linksFor(x, rows.map((r) => String(r.id)))
  const key = (r: Row): K => (column === 'seq' ? Number(r.seq) : String(r.id)) as K
  return new Map(rows.map((r) => [key(r), incidentFromRow(r, links.get(String(r.id)) ?? [])]))
}

async function linksFor(x: Executor, ids: readonly string[]): Promise<Map<string, IncidentLink[]>> {
  const out = new Map<string, IncidentLink[]>()
  for (const part of chunks(ids, IN_CHUNK)) {
    const rows = await x.all(`SELECT id, incident_id, link_reason, link_by, link_at FROM claims WHERE incident_id IN (${marks(part.length)}) ORDER BY seq`, part)
    for (const r of rows) {
      const key = String(r.incident_id)
      const list = out.get(key) ?? []
      list.push({ claimId: String(r.id) as ClaimId, reason: str(r.link_reason) ?? '', by: str(r.link_by) ?? '', at: str(r.link_at) ?? '' })
      out.set(key, list)
    }
  }
  return out
}

/** A page of incidents matching a filter: from the list snapshot when it is current, else from SQL. */
export async function listIncidents(s: Scope, f: IncidentFilter, page: PageRequest | undefined, sort: IncidentSort): Promise<Page<Incident>> {
  const { limit, offset } = pageBounds(page)
  const fromSnap = (await snapshot(s))?.page(f, sort, limit, offset)
  if (fromSnap) return { items: await incidentsBySeqs(s.x, fromSnap.seqs, fromSnap.ids), total: fromSnap.total, limit, offset }
  const { from, id, where: w } = incidentSource(f)
  // Ids first, from the covering indexes, then the rows of that page only: skipped rows (the offset, a sort's
  // candidates) are never read from the table.
  const ids = await s.x.all(`SELECT ${id} AS id FROM ${from} ${w.sql} ORDER BY ${orderBy(sort, id)} LIMIT ? OFFSET ?`, [...w.params, limit, offset])
  const total = await s.x.get(`SELECT count(*) AS n FROM ${from} ${w.sql}`, w.params)
  return { items: await incidentsByIds(s.x, ids.map((r) => String(r.id))), total: Number(total?.n ?? 0), limit, offset }
}

/** The incident with this id; NotFound when there is none. */
export async function requireIncident(x: Executor, id: IncidentId): Promise<Incident> {
  const inc = (await incidentsByIds(x, [id]))[0]
  if (inc === undefined) throw new NotFound('incident', id)
  return inc
}

/** The cube facts of an incident's stored figure rows (empty unless it is active). */
export async function factsOf(x: Executor, id: string): Promise<FigureFact[]> {
  return (await x.all(`SELECT ${FACT_COLUMNS} FROM incident_figures WHERE incident_id = ? AND status = 'active'`, [id])).map(factFromRow)
}

/** Active incidents near a date (and in a country), nearest first: what a claim may be linked to. */
export async function candidates(x: Executor, q: CandidateQuery): Promise<Incident[]> {
  const start = q.date.start ?? q.date.end
  const end = q.date.end ?? q.date.start
  if (start === null || end === null) return []
  const days = Math.max(0, q.days ?? 3)
  const lo = addDays(start, -days)
  const hi = addDays(end, days)
  const params: SqlValue[] = []
  const country = q.country !== undefined && q.country !== null ? q.country : null
  // One bounded range of the span index per span class (see date-span.ts): rows starting after the earliest start
  // an incident of that class can have and still reach `lo`.
  const parts: string[] = []
  for (let c = 0; c <= DATE_SPAN_LAST; c++) {
    const from = earliestStart(c, lo)
    parts.push(
      `SELECT id, date_start, date_last FROM incidents WHERE status = 'active' AND date_span = ${c}${from === null ? '' : ' AND date_start >= ?'} AND date_start <= ?
         AND date_last >= ?${country === null ? '' : ' AND (country = ? OR country IS NULL)'}`,
    )
    if (from !== null) params.push(from)
    params.push(hi, lo)
    if (country !== null) params.push(country)
  }
  const rows = await x.all(`SELECT id, date_start, date_last FROM (${parts.join(' UNION ALL ')}) i ORDER BY date_start, id LIMIT 2000`, params)
  // Nearest first: days between the periods (0 when they overlap), then id for a stable order.
  const gap = (r: Row): number => {
    const s = String(r.date_start)
    const e = str(r.date_last) ?? s
    if (e < start) return Date.parse(start) - Date.parse(e)
    if (s > end) return Date.parse(s) - Date.parse(end)
    return 0
  }
  const ids = rows
    .map((r) => ({ id: String(r.id), gap: gap(r) }))
    .sort((a, b) => a.gap - b.gap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(1, q.limit ?? 50))
    .map((r) => r.id)
  return incidentsByIds(x, ids)
}

/** The sources of each incident's claims, in id order. */
export async function sourcesOf(x: Executor, ids: readonly IncidentId[]): Promise<Map<IncidentId, SourceSummary[]>> {
  const out = new Map<IncidentId, SourceSummary[]>()
  const columns = summaryColumnsOf('s')
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    const rows = await x.all(
      `SELECT DISTINCT c.incident_id, ${columns} FROM claims c JOIN sources s ON s.id = c.source_id
        WHERE c.incident_id IN (${marks(part.length)})`,
      part,
    )
    for (const r of rows) {
      const id = String(r.incident_id) as IncidentId
      const list = out.get(id) ?? []
      list.push(summaryFromRow(r))
      out.set(id, list)
    }
  }
  // Code-unit order, the same on both stores whatever the PostgreSQL collation.
  for (const list of out.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return out
}
