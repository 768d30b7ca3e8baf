/**
 * @module Importing dataset records in bulk: sources, claims, incidents and figures built whole and inserted many rows
 * at a time, a re-issued row superseding its earlier versions. The dialect's BulkLoad says what a load sets aside.
 */
import type { IncidentId, SourceId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import { sourceIdFor } from '../../domain/source.js'
import { claimIdFor, type BulkRepo, type ImportRecord, type ImportSummary } from '../store.js'
import { refreshSourceCount } from './claims-repo.js'
import type { Executor, SqlValue } from './executor.js'
import { updateIncident } from './incident-writes.js'
import { revise } from './revisions-repo.js'
import { CLAIM_COLUMNS, claimRow, FIGURE_COLUMNS, factFromFigureRow, figureRows, INCIDENT_COLUMNS, incidentRow, SOURCE_COLUMNS, sourceRow } from './rows.js'
import { settled, within, type Scope } from './scope.js'
import { chunks, IN_CHUNK, marks, newId, now, str } from './sql-util.js'
import { cubeApply } from './totals-cube.js'

/** The bulk repository over a scope: imports, and the dialect's index deferral. */
export function bulkRepo(s: Scope): BulkRepo {
  return {
    importRecords: (records, ctx) => importRecords(s, records, ctx),
    deferIndexes: () => s.dialect.bulkLoad.deferIndexes(s),
    restoreIndexes: () => s.dialect.bulkLoad.restoreIndexes(s),
  }
}

async function importRecords(s: Scope, records: readonly ImportRecord[], ctx: ChangeContext): Promise<ImportSummary> {
  return settled(s, async (x) => {
    const tx = within(s, x)
    const sum = { sources: 0, claims: 0, incidents: 0, skipped: 0, superseded: 0 }
    const revised = new Set<IncidentId>()
    const linked = new Set<IncidentId>()
    const stored: string[] = []
    for (const run of runsWithoutRepeatedKeys(records)) {
      const r = await importRun(tx, run, ctx)
      sum.sources += r.sources.length
      sum.claims += r.claims
      sum.incidents += r.incidents
      sum.skipped += r.skipped
      sum.superseded += r.superseded
      for (const id of r.revised) revised.add(id)
      for (const id of r.linked) linked.add(id)
      stored.push(...r.sources)
    }
    if (stored.length > 0) {
      await revise(x, 'import', newId('imp_'), 'import', ctx, null, { ...sum, firstSource: stored[0], lastSource: stored[stored.length - 1] })
    }
    return { ...sum, revised: [...revised], linked: [...linked] }
  })
}

/** Stores records none of which shares a row key with another (see runsWithoutRepeatedKeys), inside the caller's transaction. */
async function importRun(s: Scope, records: readonly ImportRecord[], ctx: ChangeContext): Promise<{ sources: string[]; claims: number; incidents: number; skipped: number; superseded: number; revised: IncidentId[]; linked: IncidentId[] }> {
  const { x } = s
  const fresh: ImportRecord[] = []
  const loaded = s.load.sourceIds
  if (loaded !== null) {
    // This store's own load into an empty store: every source id stored is in memory (see SOURCES_ID).
    const { pending } = s.load
    for (const rec of records) {
      const key = rec.source.sha256.slice(0, 24)
      if (loaded.has(key) || pending.has(key)) continue
      pending.add(key)
      fresh.push(rec)
    }
  } else {
    await s.dialect.bulkLoad.guardIdIndexes(s)
    const known = new Set<string>()
    const ids = [...new Set(records.map((r) => sourceIdFor(r.source.sha256)))]
    for (const part of chunks(ids, IN_CHUNK)) {
      for (const r of await x.all(`SELECT sha256 FROM sources WHERE id IN (${marks(part.length)})`, part)) known.add(String(r.sha256))
    }
    for (const rec of records) {
      if (known.has(rec.source.sha256)) continue
      known.add(rec.source.sha256)
      fresh.push(rec)
    }
  }
  const earlier = await earlierRows(x, fresh)
  const at = now()
  const sources: SqlValue[][] = []
  const incidents: SqlValue[][] = []
  const claims: SqlValue[][] = []
  const figures: SqlValue[][] = []
  const revisions: { rec: ImportRecord; sourceId: SourceId; older: readonly string[]; incidentId: IncidentId | null }[] = []
  const linked: IncidentId[] = []
  for (const rec of fresh) {
    const sourceId = sourceIdFor(rec.source.sha256)
    const older = rec.rowKey === undefined ? undefined : earlier.get(rec.rowKey)
    let link: { incidentId: string; reason: string; by: string } | null = null
    if (rec.incident !== null) {
      // A re-issued row describes the strike its earlier version did: its claims join that incident.
      const incidentId = older?.incidentId ? await liveIncident(x, older.incidentId) : null
      if (incidentId !== null) {
        link = { incidentId, reason: `${rec.linkReason ?? 'imported with its source'} (revised row, superseding ${older!.ids.join(', ')})`, by: ctx.actor }
      } else {
        const id = newId('inc_')
        const figs = rec.figures ?? []
        incidents.push(incidentRow(id, rec.incident, figs, 1, at))
        figures.push(...figureRows(id, figs, { status: 'active', date: rec.incident.date, country: rec.incident.place?.country ?? null, actor: rec.incident.actor, grade: rec.incident.grade }))
        link = { incidentId: id, reason: rec.linkReason ?? 'imported with its source', by: ctx.actor }
      }
    }
    if (link !== null) linked.push(link.incidentId as IncidentId)
    if (older !== undefined) revisions.push({ rec, sourceId, older: older.ids, incidentId: (link?.incidentId ?? null) as IncidentId | null })
    sources.push(sourceRow(rec.source, at, rec.rowKey ?? null, link?.incidentId ?? null))
    const seen = new Set<string>()
    for (const d of rec.claims) {
      const id = claimIdFor(sourceId, d)
      if (seen.has(id)) continue
      seen.add(id)
      claims.push(claimRow(id, sourceId, d, at, link))
    }
  }
  if (sources.length > 0) {
    await x.insertMany('sources', SOURCE_COLUMNS, sources)
    if (incidents.length > 0) await x.insertMany('incidents', INCIDENT_COLUMNS, incidents)
    if (claims.length > 0) await x.insertMany('claims', CLAIM_COLUMNS, claims)
    if (figures.length > 0) {
      await x.insertMany('incident_figures', FIGURE_COLUMNS, figures)
      await cubeApply(x, figures.map(factFromFigureRow), 1)
    }
  }
  const revised = new Set<IncidentId>()
  if (revisions.length > 0) await s.dialect.bulkLoad.beforeSupersede(s)
  for (const r of revisions) for (const id of await supersede(x, r.rec, r.sourceId, r.older, r.incidentId, ctx)) revised.add(id)
  return { sources: sources.map((r) => String(r[0])), claims: claims.length, incidents: incidents.length, skipped: records.length - fresh.length, superseded: revisions.length, revised: [...revised], linked }
}

/** Sources already stored under the records' row keys, oldest first, with the incident the latest of them feeds. */
async function earlierRows(x: Executor, records: readonly ImportRecord[]): Promise<Map<string, { ids: string[]; incidentId: string | null }>> {
  const out = new Map<string, { ids: string[]; incidentId: string | null }>()
  const keys = [...new Set(records.flatMap((r) => (r.rowKey === undefined ? [] : [r.rowKey])))]
  for (const part of chunks(keys, IN_CHUNK)) {
    const rows = await x.all(`SELECT id, row_key, incident_id FROM sources WHERE row_key IN (${marks(part.length)}) ORDER BY seq`, part)
    for (const r of rows) {
      const key = String(r.row_key)
      const e = out.get(key) ?? { ids: [], incidentId: null }
      e.ids.push(String(r.id))
      e.incidentId = str(r.incident_id) ?? e.incidentId
      out.set(key, e)
    }
  }
  return out
}

/** The active incident an incident id now stands for, following merges; null when there is none. */
async function liveIncident(x: Executor, id: string): Promise<IncidentId | null> {
  let current: string | null = id
  for (let hops = 0; current !== null && hops < 100; hops++) {
    const r = await x.get('SELECT status, merged_into FROM incidents WHERE id = ?', [current])
    if (r === undefined) return null
    if (String(r.status) === 'active') return current as IncidentId
    current = str(r.merged_into)
  }
  return null
}

/**
 * A re-issued row supersedes its earlier versions: their claims still counting are rejected (kept, each with a
 * revision naming the import), and the incident, when it is the row's own, takes the row's new description.
 * Returns the incidents whose claims changed; the caller re-reconciles their figures.
 */
async function supersede(x: Executor, rec: ImportRecord, sourceId: SourceId, older: readonly string[], incidentId: IncidentId | null, ctx: ChangeContext): Promise<IncidentId[]> {
  const why = `${ctx.why ?? 'import'}: row ${rec.rowKey ?? sourceId} re-issued with new contents (${sourceId})`
  const byImport: ChangeContext = { actor: ctx.actor, why }
  const old = await x.all(`SELECT id, status, incident_id FROM claims WHERE source_id IN (${marks(older.length)}) AND status <> 'rejected' ORDER BY seq`, [...older])
  const at = now()
  const touched = new Set<IncidentId>(incidentId === null ? [] : [incidentId])
  for (const c of old) {
    await x.run(`UPDATE claims SET status = 'rejected', updated_at = ? WHERE id = ?`, [at, String(c.id)])
    await revise(x, 'claim', String(c.id), 'supersede', byImport, { status: String(c.status) }, { status: 'rejected', supersededBy: sourceId })
    const inc = str(c.incident_id)
    if (inc !== null) touched.add(inc as IncidentId)
  }
  if (incidentId !== null && rec.incident !== null) {
    const mine = [...older, sourceId]
    const others = await x.get(`SELECT 1 AS one FROM claims WHERE incident_id = ? AND source_id NOT IN (${marks(mine.length)}) LIMIT 1`, [incidentId, ...mine])
    // Only the row's own incident takes its new description: one that other reports joined keeps what they say.
    if (others === undefined) {
      const { date, place, actor, target, victims } = rec.incident
      await updateIncident(x, incidentId, { date, place, actor, target, victims }, byImport)
    }
    await revise(x, 'incident', incidentId, 'revise', byImport, { sources: older }, { source: sourceId, rowKey: rec.rowKey ?? null })
  }
  await refreshSourceCount(x, [...touched])
  return [...touched]
}

/**
 * Splits records into runs in which no row key appears twice, keeping their order: a file that re-issues a row
 * further down stores the first version before the second supersedes it, even inside one batch.
 */
function runsWithoutRepeatedKeys(records: readonly ImportRecord[]): ImportRecord[][] {
  const runs: ImportRecord[][] = [[]]
  let keys = new Set<string>()
  for (const rec of records) {
    if (rec.rowKey !== undefined && keys.has(rec.rowKey)) {
      runs.push([])
      keys = new Set()
    }
    if (rec.rowKey !== undefined) keys.add(rec.rowKey)
    runs[runs.length - 1]!.push(rec)
  }
  return runs
}
