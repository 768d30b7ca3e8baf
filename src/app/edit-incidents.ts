/**
 * @module An editor's structural writes to incidents: merge one into another and split claims out into a new one,
 * each one transaction that writes its revisions (with the editor's explanation) and re-reconciles both sides.
 */
import { DomainError, NotFound } from '../domain/errors.js'
import type { ClaimId, IncidentId } from '../domain/ids.js'
import type { Incident } from '../domain/incident.js'
import type { ChangeContext } from '../domain/revision.js'
import type { IncidentPatch, Store } from '../storage/store.js'
import { reconcileIncidents } from './process-source.js'

/** The incident `id`, or not_found. */
export async function getIncident(store: Store, id: IncidentId): Promise<Incident> {
  const incident = await store.incidents.get(id)
  if (incident === null) throw new NotFound('incident', id)
  return incident
}

/**
 * An editor's change to an incident's description, one transaction with its revision. A place or date the editor
 * gives is theirs until they clear it (a null place, a date with no start): cleared, it follows the claims again.
 */
export async function editIncident(store: Store, id: IncidentId, patch: IncidentPatch, ctx: ChangeContext): Promise<Incident> {
  return store.transaction(async (tx) => {
    const current = await getIncident(tx, id)
    const updated = await tx.incidents.update(current.id, patch, ctx)
    const cleared = (current.setByEditor.place && !updated.setByEditor.place) || (current.setByEditor.date && !updated.setByEditor.date)
    if (cleared) await reconcileIncidents(tx, [current.id])
    return cleared ? getIncident(tx, current.id) : updated
  })
}

/** Merges incident `from` into `into`: its claims move there and it is kept, marked merged. Returns `into` as it now is. */
export async function mergeIncident(store: Store, from: IncidentId, into: IncidentId, ctx: ChangeContext): Promise<Incident> {
  return store.transaction(async (tx) => {
    const a = await getIncident(tx, from)
    const b = await getIncident(tx, into)
    await tx.incidents.merge(a.id, b.id, ctx)
    await reconcileIncidents(tx, [b.id])
    return getIncident(tx, b.id)
  })
}

/**
 * Moves `claimIds` out of incident `from` into a new incident with its date, place, actor and target to start with.
 * Every claim must be in `from` (invalid_input naming `${field}.i` otherwise), and at least one must stay (conflict).
 */
export async function splitIncident(
  store: Store,
  from: IncidentId,
  claimIds: readonly ClaimId[],
  ctx: ChangeContext,
  field = 'claimIds',
): Promise<{ from: Incident; to: Incident }> {
  return store.transaction(async (tx) => {
    const source = await getIncident(tx, from)
    const linked = new Set<string>(source.links.map((l) => l.claimId))
    const ids = [...new Set(claimIds)]
    ids.forEach((id, i) => {
      if (!linked.has(id)) throw new DomainError('invalid_input', `${field}.${i}: claim ${id} is not in incident ${source.id}`, { details: { field: `${field}.${i}` } })
    })
    if (ids.length >= linked.size) throw new DomainError('conflict', 'a split must leave at least one claim in the incident')
    const to = await tx.incidents.create({ date: source.date, place: source.place, actor: source.actor, target: source.target, victims: [], grade: null }, ctx)
    await tx.incidents.link(ids, to.id, ctx.why ?? 'split', ctx)
    await reconcileIncidents(tx, [source.id, to.id])
    return { from: await getIncident(tx, source.id), to: await getIncident(tx, to.id) }
  })
}
