/** @module Revisions: the append-only record of every change (who, when, why, before and after). */
import type { ChangeContext, EntityType, Revision } from '../../domain/revision.js'
import { pageBounds, type Page, type PageRequest, type RevisionQuery, type RevisionRepo } from '../store.js'
import type { Executor } from './executor.js'
import type { Scope } from './scope.js'
import { json, marks, now, parse, str, Where } from './sql-util.js'

/** The revisions repository over a scope. */
export function revisionsRepo(s: Scope): RevisionRepo {
  return { list: (q, page) => listRevisions(s.x, q ?? {}, page) }
}

/** Records one change of an entity (call inside the transaction that makes it). */
export async function revise(x: Executor, type: EntityType, id: string, action: string, ctx: ChangeContext, before: unknown, after: unknown): Promise<void> {
  await x.run('INSERT INTO revisions (entity_type, entity_id, action, actor, at, why, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    type,
    id,
    action,
    ctx.actor,
    now(),
    ctx.why ?? null,
    before === undefined || before === null ? null : json(before),
    after === undefined || after === null ? null : json(after),
  ])
}

async function listRevisions(x: Executor, q: RevisionQuery, page?: PageRequest): Promise<Page<Revision>> {
  const { limit, offset } = pageBounds(page)
  const w = new Where().eq('entity_type', q.entityType).eq('entity_id', q.entityId)
  if (q.of !== undefined) {
    // One IN list per entity type, so each part can use the (entity_type, entity_id) index.
    const byType = new Map<EntityType, string[]>()
    for (const s of q.of) byType.set(s.entityType, [...(byType.get(s.entityType) ?? []), s.entityId])
    if (byType.size === 0) w.add('1 = 0')
    else {
      const parts = [...byType.values()].map((ids) => `(entity_type = ? AND entity_id IN (${marks(ids.length)}))`)
      w.add(`(${parts.join(' OR ')})`, ...[...byType].flatMap(([type, ids]) => [type, ...ids]))
    }
  }
  const rows = await x.all(`SELECT * FROM revisions ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`, [...w.params, limit, offset])
  const total = await x.get(`SELECT count(*) AS n FROM revisions ${w.sql}`, w.params)
  return {
    items: rows.map((r) => ({
      id: `rev_${String(r.seq)}` as Revision['id'],
      entityType: String(r.entity_type) as EntityType,
      entityId: String(r.entity_id),
      action: String(r.action),
      actor: String(r.actor),
      at: String(r.at),
      why: str(r.why),
      before: r.before === null ? null : parse<unknown>(r.before),
      after: r.after === null ? null : parse<unknown>(r.after),
    })),
    total: Number(total?.n ?? 0),
    limit,
    offset,
  }
}
