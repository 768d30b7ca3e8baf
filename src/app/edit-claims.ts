/**
 * @module The reviewer's writes to a claim (accept, reject, edit, move to another or a new incident), each one
 * transaction that writes its revision and re-reconciles every incident whose claims changed, so an incident's
 * figures never show a state its claims are no longer in. The API and any other edge call these.
 */
import type { Claim, ClaimEdit } from '../domain/claim.js'
import { NotFound } from '../domain/errors.js'
import type { ClaimId, IncidentId } from '../domain/ids.js'
import type { ChangeContext } from '../domain/revision.js'
import type { ClaimStatus } from '../domain/values.js'
import type { Store } from '../storage/store.js'
import { reconcileIncidents } from './process-source.js'

/** The claim `id`, or not_found. */
export async function getClaim(store: Store, id: ClaimId): Promise<Claim> {
  const claim = await store.claims.get(id)
  if (claim === null) throw new NotFound('claim', id)
  return claim
}

/** Re-reconciles the distinct incidents named (nulls, claims outside any incident, skipped). */
async function reconcileTouched(tx: Store, ...ids: (IncidentId | null)[]): Promise<void> {
  const touched = [...new Set(ids.filter((x): x is IncidentId => x !== null))]
  if (touched.length > 0) await reconcileIncidents(tx, touched)
}

/** Accepts or rejects a claim (a rejected claim is kept but counts in no figure or check). */
export async function reviewClaim(store: Store, id: ClaimId, status: ClaimStatus, ctx: ChangeContext): Promise<Claim> {
  return store.transaction(async (tx) => {
    const claim = await getClaim(tx, id)
    const updated = await tx.claims.setStatus(claim.id, status, ctx)
    await reconcileTouched(tx, updated.incidentId)
    return updated
  })
}

/**
 * Changes a claim's fields (never its quote or span). `edit` is built from the current claim, so its checks (a
 * range against the claim's own bounds) see what is stored inside the transaction.
 */
export async function editClaim(store: Store, id: ClaimId, edit: (current: Claim) => ClaimEdit, ctx: ChangeContext): Promise<Claim> {
  return store.transaction(async (tx) => {
    const claim = await getClaim(tx, id)
    const updated = await tx.claims.edit(claim.id, edit(claim), ctx)
    await reconcileTouched(tx, updated.incidentId)
    return updated
  })
}

/** Moves a claim to incident `to`, or to a new incident (its date, place and actor from the claim) when `to` is null. */
export async function moveClaim(store: Store, id: ClaimId, to: IncidentId | null, ctx: ChangeContext): Promise<Claim> {
  return store.transaction(async (tx) => {
    const claim = await getClaim(tx, id)
    let target: IncidentId
    if (to === null) {
      target = (await tx.incidents.create({ date: claim.period, place: claim.place, actor: claim.actor, target: null, victims: [], grade: null }, ctx)).id
    } else {
      const incident = await tx.incidents.get(to)
      if (incident === null) throw new NotFound('incident', to)
      target = incident.id
    }
    await tx.incidents.link([claim.id], target, ctx.why ?? 'moved', ctx)
    await reconcileTouched(tx, claim.incidentId, target)
    return getClaim(tx, claim.id)
  })
}
