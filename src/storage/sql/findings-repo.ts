/** @module Findings: what the consistency check found, replaced whole by each run, with their reviews kept apart. */
import { NotFound } from '../../domain/errors.js'
import type { Finding } from '../../domain/finding.js'
import type { FindingId, IncidentId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { FindingStatus } from '../../domain/values.js'
import { pageBounds, type FindingFilter, type FindingRepo, type Page, type PageRequest } from '../store.js'
import type { Executor, SqlValue } from './executor.js'
import { revise } from './revisions-repo.js'
import { findingFromRow } from './rows.js'
import type { Scope } from './scope.js'
import { json, now, Where } from './sql-util.js'

/** The findings repository over a scope. */
export function findingsRepo(s: Scope): FindingRepo {
  const { x } = s
  return {
    beginCheck: async () => Number((await x.get('UPDATE findings_state SET started = started + 1 WHERE id = 1 RETURNING started'))?.started),
    replaceAll: (findings, generation) => replaceFindings(x, findings, generation),
    list: (filter, page) => listFindings(x, filter ?? {}, page),
    review: (id, status, ctx) => reviewFinding(x, id, status, ctx),
    disputedAmong: (ids) => disputedAmong(x, ids),
  }
}

async function replaceFindings(x0: Executor, findings: readonly Finding[], generation: number): Promise<boolean> {
  return x0.transaction(async (x) => {
    // Locks the state row first (PostgreSQL waits here for another replacement to commit; a SQLite write
    // transaction holds the whole file already). Without it two processes' DELETE-then-INSERT interleave: each
    // deletes only the rows it can see, and both sets of findings are left behind.
    await x.run('UPDATE findings_state SET stored = stored WHERE id = 1')
    const state = await x.get('SELECT stored FROM findings_state WHERE id = 1')
    // A run begun later read newer claims (or the same ones): its findings stand.
    if (Number(state?.stored ?? 0) > generation) return false
    await x.run('UPDATE findings_state SET stored = ? WHERE id = 1', [generation])
    // Findings are derived from claims and recomputed whole by each check run, so the old set is dropped.
    await x.run('DELETE FROM finding_claims')
    await x.run('DELETE FROM findings')
    if (findings.length === 0) return true
    await x.insertMany(
      'findings',
      ['id', 'kind', 'measure', 'category', 'body'],
      findings.map((f) => [f.id, f.kind, f.measure, f.category, json(f)]),
    )
    const links = findings.flatMap((f) => f.claims.map((c): SqlValue[] => [f.id, c]))
    if (links.length > 0) await x.insertMany('finding_claims', ['finding_id', 'claim_id'], links, true)
    return true
  })
}

async function listFindings(x: Executor, f: FindingFilter, page?: PageRequest): Promise<Page<Finding>> {
  const { limit, offset } = pageBounds(page)
  const w = new Where().eq('f.kind', f.kind).eq('f.measure', f.measure).eq('f.category', f.category)
  w.optional('EXISTS (SELECT 1 FROM finding_claims fc WHERE fc.finding_id = f.id AND fc.claim_id = ?)', f.claimId)
  // A finding nobody has reviewed is open.
  if (f.status === 'open') w.add("(r.status IS NULL OR r.status = 'open')")
  else w.eq('r.status', f.status)
  const from = 'findings f LEFT JOIN finding_reviews r ON r.finding_id = f.id'
  const rows = await x.all(`SELECT f.body, r.status, r.reason FROM ${from} ${w.sql} ORDER BY f.seq LIMIT ? OFFSET ?`, [...w.params, limit, offset])
  const total = await x.get(`SELECT count(*) AS n FROM ${from} ${w.sql}`, w.params)
  return { items: rows.map(findingFromRow), total: Number(total?.n ?? 0), limit, offset }
}

/** Of `ids`, the incidents whose claims an open finding involves (one query per 500 ids, through finding_claims). */
async function disputedAmong(x: Executor, ids: readonly IncidentId[]): Promise<Set<IncidentId>> {
  const out = new Set<IncidentId>()
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500)
    const rows = await x.all<{ incident_id: string }>(
      `SELECT DISTINCT c.incident_id FROM finding_claims fc
         JOIN claims c ON c.id = fc.claim_id
         LEFT JOIN finding_reviews r ON r.finding_id = fc.finding_id
       WHERE c.incident_id IN (${part.map(() => '?').join(', ')}) AND (r.status IS NULL OR r.status = 'open')`,
      part,
    )
    for (const r of rows) out.add(r.incident_id as IncidentId)
  }
  return out
}

async function reviewFinding(x0: Executor, id: FindingId, status: FindingStatus, ctx: ChangeContext): Promise<Finding> {
  return x0.transaction(async (x) => {
    const row = await x.get('SELECT f.body, r.status, r.reason FROM findings f LEFT JOIN finding_reviews r ON r.finding_id = f.id WHERE f.id = ?', [id])
    if (row === undefined) throw new NotFound('finding', id)
    const before = findingFromRow(row)
    await x.run('DELETE FROM finding_reviews WHERE finding_id = ?', [id])
    await x.run('INSERT INTO finding_reviews (finding_id, status, reason, actor, at) VALUES (?, ?, ?, ?, ?)', [id, status, ctx.why ?? null, ctx.actor, now()])
    const after: Finding = { ...before, status, reason: ctx.why ?? null }
    const action = status === 'open' ? 'reopen' : status === 'confirmed' ? 'confirm' : 'dismiss'
    await revise(x, 'finding', id, action, ctx, { status: before.status, reason: before.reason }, { status, reason: after.reason })
    return after
  })
}
