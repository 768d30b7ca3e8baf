/** @module Claims: each casualty claim with its claimant, quote and span, its status and the incident it is linked to. */
import type { Claim, ClaimDraft, ClaimEdit } from '../../domain/claim.js'
import type { Period } from '../../domain/dates.js'
import { DomainError, NotFound } from '../../domain/errors.js'
import type { ClaimId, SourceId } from '../../domain/ids.js'
import type { Place } from '../../domain/place.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { ClaimStatus } from '../../domain/values.js'
import { claimIdFor, pageBounds, type ClaimBatchOptions, type ClaimFilter, type ClaimRepo, type Page, type PageRequest } from '../store.js'
import type { Executor, SqlValue } from './executor.js'
import { revise } from './revisions-repo.js'
import { CLAIM_COLUMNS, claimFromRow, claimRow } from './rows.js'
import { within, type Scope } from './scope.js'
import { chunks, IN_CHUNK, json, marks, now, Where } from './sql-util.js'

/** The claims repository over a scope. */
export function claimsRepo(s: Scope): ClaimRepo {
  const { x } = s
  return {
    addForSource: (sourceId, drafts, ctx) => addClaims(s, sourceId, drafts, ctx),
    get: async (id) => (await claimsByIds(x, [id]))[0] ?? null,
    getMany: (ids) => claimsByIds(x, [...new Set(ids)]),
    list: (filter, page) => listClaims(x, filter ?? {}, page),
    setStatus: (id, status, ctx) => changeClaim(x, id, { status }, 'status', ctx),
    edit: (id, edit, ctx) => changeClaim(x, id, edit, 'edit', ctx),
    batches: (opts) => claimBatches(x, opts ?? {}),
  }
}

/** Claims by id, in the order given; unknown ids are left out. */
export async function claimsByIds(x: Executor, ids: readonly string[]): Promise<Claim[]> {
  const byId = new Map<string, Claim>()
  for (const part of chunks(ids, IN_CHUNK)) {
    const rows = await x.all(`SELECT * FROM claims WHERE id IN (${marks(part.length)})`, part)
    for (const r of rows) byId.set(String(r.id), claimFromRow(r))
  }
  return ids.flatMap((id) => byId.get(id) ?? [])
}

async function addClaims(s: Scope, sourceId: SourceId, drafts: readonly ClaimDraft[], ctx: ChangeContext): Promise<Claim[]> {
  return s.x.transaction(async (x) => {
    await s.dialect.bulkLoad.guardIdIndexes(within(s, x))
    if ((await x.get('SELECT 1 AS one FROM sources WHERE id = ?', [sourceId])) === undefined) throw new NotFound('source', sourceId)
    const ids = drafts.map((d) => claimIdFor(sourceId, d))
    const existing = new Set((await claimsByIds(x, [...new Set(ids)])).map((c) => c.id as string))
    const at = now()
    const fresh = new Map<string, SqlValue[]>()
    drafts.forEach((d, i) => {
      const id = ids[i]!
      if (!existing.has(id) && !fresh.has(id)) fresh.set(id, claimRow(id, sourceId, d, at, null))
    })
    if (fresh.size > 0) await x.insertMany('claims', CLAIM_COLUMNS, [...fresh.values()], true)
    const stored = await claimsByIds(x, ids)
    for (const c of stored) if (fresh.has(c.id)) await revise(x, 'claim', c.id, 'create', ctx, null, c)
    return stored
  })
}

async function listClaims(x: Executor, f: ClaimFilter, page?: PageRequest): Promise<Page<Claim>> {
  const { limit, offset } = pageBounds(page)
  const w = new Where().eq('source_id', f.sourceId).eq('measure', f.measure).eq('category', f.category).eq('scope', f.scope)
  if (f.incidentId === null || f.unlinked === true) w.add('incident_id IS NULL')
  else w.eq('incident_id', f.incidentId)
  if (f.incidentIds !== undefined) w.in('incident_id', f.incidentIds)
  if (f.unlinked === false) w.add('incident_id IS NOT NULL')
  if (f.status !== undefined) w.in('status', typeof f.status === 'string' ? [f.status] : f.status)
  const rows = await x.all(`SELECT * FROM claims ${w.sql} ORDER BY seq LIMIT ? OFFSET ?`, [...w.params, limit, offset])
  const total = await x.get(`SELECT count(*) AS n FROM claims ${w.sql}`, w.params)
  return { items: rows.map(claimFromRow), total: Number(total?.n ?? 0), limit, offset }
}

async function changeClaim(x0: Executor, id: ClaimId, change: ClaimEdit & { status?: ClaimStatus }, action: string, ctx: ChangeContext): Promise<Claim> {
  return x0.transaction(async (x) => {
    const before = (await claimsByIds(x, [id]))[0]
    if (before === undefined) throw new NotFound('claim', id)
    const sets: string[] = []
    const params: SqlValue[] = []
    const beforeVals: Record<string, unknown> = {}
    const afterVals: Record<string, unknown> = {}
    const set = (col: string, value: SqlValue): void => {
      sets.push(`${col} = ?`)
      params.push(value)
    }
    for (const [k, v] of Object.entries(change) as [keyof Claim, unknown][]) {
      if (v === undefined || JSON.stringify(before[k]) === JSON.stringify(v)) continue
      beforeVals[k] = before[k]
      afterVals[k] = v
      switch (k) {
        case 'period': {
          const p = v as Period
          set('period', json(p))
          set('period_start', p.start)
          set('period_end', p.end)
          break
        }
        case 'place': {
          const p = v as Place | null
          set('place', p === null ? null : json(p))
          set('country', p?.country ?? null)
          break
        }
        case 'measure':
        case 'category':
        case 'qualifier':
        case 'scope':
        case 'actor':
        case 'claimant':
        case 'status':
          set(k, v as string | null)
          break
        case 'min':
        case 'max':
        case 'incidents':
          set(k, v as number | null)
          break
        default:
          throw new DomainError('invalid_input', `claim field ${String(k)} cannot be changed`)
      }
    }
    if (sets.length === 0) return before
    set('updated_at', now())
    await x.run(`UPDATE claims SET ${sets.join(', ')} WHERE id = ?`, [...params, id])
    await revise(x, 'claim', id, action, ctx, beforeVals, afterVals)
    if ('status' in afterVals && before.incidentId !== null) await refreshSourceCount(x, [before.incidentId])
    return (await claimsByIds(x, [id]))[0]!
  })
}

async function* claimBatches(x: Executor, opts: ClaimBatchOptions): AsyncIterable<readonly Claim[]> {
  const size = Math.max(1, Math.min(10_000, opts.batchSize ?? 1000))
  // The keyset bound comes first, so its value (changing per batch) leads the parameters.
  const w = new Where().add('seq > ?').eq('scope', opts.scope).eq('measure', opts.measure)
  if (opts.countingOnly !== false) w.add("status <> 'rejected'")
  let last = 0
  for (;;) {
    // Keyset paging on seq: each batch is one index range read, however deep into the table it is.
    const rows = await x.all(`SELECT * FROM claims ${w.sql} ORDER BY seq LIMIT ?`, [last, ...w.params, size])
    if (rows.length === 0) return
    last = Number(rows[rows.length - 1]!.seq)
    yield rows.map(claimFromRow)
    if (rows.length < size) return
  }
}

/** Recounts the distinct sources of still-counting claims behind each incident. */
export async function refreshSourceCount(x: Executor, ids: readonly string[]): Promise<void> {
  for (const id of new Set(ids)) {
    await x.run(
      `UPDATE incidents SET source_count = (SELECT count(DISTINCT source_id) FROM claims WHERE incident_id = ? AND status <> 'rejected') WHERE id = ?`,
      [id, id],
    )
  }
}
