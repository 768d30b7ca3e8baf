/**
 * @module Reading incidents: by id or row key with their links, requiring one, listing by a filter, and the sources
 * behind each incident (candidates near a date: candidates.ts).
 */
import { NotFound } from '../../domain/errors.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import type { Incident, IncidentLink } from '../../domain/incident.js'
import type { SourceSummary } from '../../domain/source.js'
import { pageBounds, type IncidentFilter, type IncidentSort, type Page, type PageRequest } from '../store.js'
import type { Executor, Row } from './executor.js'
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

/** The extractors of each incident's claims (rejected claims included), each list sorted; incidents with none are absent. */
export async function extractorsOf(x: Executor, ids: readonly IncidentId[]): Promise<Map<IncidentId, string[]>> {
  const out = new Map<IncidentId, string[]>()
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    const rows = await x.all(`SELECT DISTINCT incident_id, extractor FROM claims WHERE incident_id IN (${marks(part.length)})`, part)
    for (const r of rows) {
      const id = String(r.incident_id) as IncidentId
      const list = out.get(id) ?? []
      list.push(String(r.extractor))
      out.set(id, list)
    }
  }
  for (const list of out.values()) list.sort()
  return out
}
