/**
 * @module Match incidents across datasets and reports: each given incident that is the same strike as one on record
 * from another dataset or report is merged into it (a revision whose reason is the matcher's explanation), and the
 * figures of the incident it joined are reconciled again. A match is undone with `unmatchIncident`, and a pair once
 * undone is never matched again.
 */
import type { Claim } from '../domain/claim.js'
import type { IncidentId } from '../domain/ids.js'
import type { Incident } from '../domain/incident.js'
import type { ChangeContext } from '../domain/revision.js'
import { matchIncident, mayMatch, originOf, type MatchSubject } from '../reconciliation/index.js'
import type { Store } from '../storage/store.js'
import { reconcileIncidents } from './process-source.js'

/** One match made: `from` was merged into `into`, and why. */
export interface MatchMade {
  readonly from: IncidentId
  readonly into: IncidentId
  readonly reason: string
}

/** What a matching run did. */
export interface MatchResult {
  readonly checked: number
  readonly matched: readonly MatchMade[]
}

async function subjectOf(store: Store, id: IncidentId): Promise<MatchSubject | null> {
  const inc = await store.incidents.get(id)
  if (inc === null || inc.status !== 'active') return null
  return (await withClaims(store, [inc]))[0] ?? null
}

/**
 * Matches each of `ids` against the incidents on record near its date, merging it into its match. Each merge is
 * its own transaction, so an interrupted run keeps the matches made and a re-run finds the rest.
 */
export async function matchIncidents(store: Store, ids: Iterable<IncidentId>, ctx: ChangeContext, onProgress?: (done: number) => void): Promise<MatchResult> {
  const matched: MatchMade[] = []
  let checked = 0
  for (const id of new Set(ids)) {
    checked++
    await store.transaction(async (tx) => {
      const subject = await subjectOf(tx, id)
      if (subject === null || subject.claims.length === 0 || (subject.date.start === null && subject.date.end === null)) return
      const undone = await unmergedPartners(tx, id)
      // Only incidents whose own date, place and actor fit need their claims read, and those in one query.
      const near = (await tx.incidents.candidates({ date: subject.date, country: subject.place?.country ?? null })).filter(
        (inc) => inc.status === 'active' && !undone.has(inc.id) && mayMatch(subject, inc),
      )
      const d = matchIncident(subject, await withClaims(tx, near))
      if (d.incidentId === null) return
      await tx.incidents.merge(id, d.incidentId, { actor: ctx.actor, why: d.reason })
      await reconcileIncidents(tx, [d.incidentId])
      matched.push({ from: id, into: d.incidentId, reason: d.reason })
    })
    if (onProgress && checked % 100 === 0) onProgress(checked)
  }
  return { checked, matched }
}

/** Incidents with their claims and origins, the claims read a page at a time for all of them at once. */
async function withClaims(store: Store, incidents: readonly Incident[]): Promise<MatchSubject[]> {
  if (incidents.length === 0) return []
  const byIncident = new Map<string, Claim[]>(incidents.map((i) => [i.id, []]))
  for (let offset = 0; ; offset += 1000) {
    const page = await store.claims.list({ incidentIds: incidents.map((i) => i.id) }, { limit: 1000, offset })
    for (const c of page.items) if (c.incidentId !== null) byIncident.get(c.incidentId)?.push(c)
    if (page.items.length === 0 || offset + page.items.length >= page.total) break
  }
  return incidents.map((inc) => {
    const claims = byIncident.get(inc.id) ?? []
    return { ...inc, claims, origins: [...new Set(claims.map((c) => originOf(c.extractor)))] }
  })
}

/**
 * Incidents a merge with `id` was undone with, either way round: a person said they are different strikes, so the
 * matcher never merges them again (its 'unmerge' revision names the incident it left; a 'release', the one that left).
 */
async function unmergedPartners(store: Store, id: IncidentId): Promise<Set<string>> {
  const out = new Set<string>()
  for (let offset = 0; ; offset += 200) {
    const page = await store.revisions.list({ entityType: 'incident', entityId: id }, { limit: 200, offset })
    for (const r of page.items) {
      if (r.action === 'unmerge') out.add(String((r.before as { mergedInto?: string } | null)?.mergedInto))
      if (r.action === 'release') out.add(String((r.after as { to?: string } | null)?.to))
    }
    if (page.items.length === 0 || offset + page.items.length >= page.total) break
  }
  return out
}

/** Undoes a match (or any merge): the merged incident comes back with its claims, and both are reconciled again. */
export async function unmatchIncident(store: Store, id: IncidentId, ctx: ChangeContext): Promise<{ restored: IncidentId; from: IncidentId }> {
  return store.transaction(async (tx) => {
    const { restored, from } = await tx.incidents.unmerge(id, ctx)
    await reconcileIncidents(tx, [restored.id, from.id])
    return { restored: restored.id, from: from.id }
  })
}
