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
import { matchIncident, mayMatch, originOf, sharesDataset, type MatchSubject } from '../reconciliation/index.js'
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

/** Incidents matched per transaction by default: one read of the candidates for all of them. */
export const MATCH_CHUNK = 1000

/**
 * Matches each of `ids` against the incidents on record near its date, merging it into its match. The ids are taken
 * `chunk` at a time, each chunk in one transaction (joining the caller's, as an import batch's does), so an
 * interrupted run keeps the chunks done and a re-run finds the rest.
 */
export async function matchIncidents(
  store: Store,
  ids: Iterable<IncidentId>,
  ctx: ChangeContext,
  onProgress?: (done: number) => void,
  chunk = MATCH_CHUNK,
): Promise<MatchResult> {
  const matched: MatchMade[] = []
  const all = [...new Set(ids)]
  for (let i = 0; i < all.length; i += Math.max(1, chunk)) {
    const part = all.slice(i, i + Math.max(1, chunk))
    await store.transaction((tx) => matchChunk(tx, part, ctx, matched))
    onProgress?.(Math.min(all.length, i + part.length))
  }
  return { checked: all.length, matched }
}

/**
 * Matches `ids` in order, reading first, for all of them at once, their candidates, which datasets each candidate
 * holds rows of (a candidate holding rows of a dataset the incident holds rows of is never its match, so its claims
 * are never read), and the claims of the candidates left. A merge changes only the two incidents it joins, so an
 * incident whose own candidates include neither, and is neither, is decided on what was read; any other is read
 * again alone.
 */
async function matchChunk(tx: Store, ids: readonly IncidentId[], ctx: ChangeContext, matched: MatchMade[]): Promise<void> {
  const found = (await tx.incidents.getMany(ids)).filter((i) => i.status === 'active' && (i.date.start !== null || i.date.end !== null))
  const lists = await tx.incidents.candidateIds(found.map((i) => ({ date: i.date, country: i.place?.country ?? null })))
  const extractors = await tx.incidents.extractorsOf([...new Set([...found.map((i) => i.id), ...lists.flat()])])
  const originsOf = (id: IncidentId): string[] => [...new Set((extractors.get(id) ?? []).map(originOf))]
  const open = lists.map((list, k) => {
    const own = originsOf(found[k]!.id)
    // An incident without claims has nothing to be matched by.
    return own.length === 0 ? [] : list.filter((id) => id !== found[k]!.id && !sharesDataset(own, originsOf(id)))
  })
  // Claims are read only for incidents with a candidate left, and for those candidates whose own date, place and
  // actor fit, each set in one query.
  const subjects = new Map((await withClaims(tx, found.filter((_, k) => open[k]!.length > 0))).map((s) => [s.id, s]))
  const incidents = new Map((await tx.incidents.getMany([...new Set(open.flat())])).map((i) => [i.id, i]))
  const fits = found.map((inc, k) => {
    const subject = subjects.get(inc.id)
    return subject === undefined ? [] : open[k]!.flatMap((id) => {
      const c = incidents.get(id)
      return c !== undefined && mayMatch(subject, c) ? [c] : []
    })
  })
  const withTheirClaims = new Map((await withClaims(tx, [...new Map(fits.flat().map((i) => [i.id, i])).values()])).map((s) => [s.id, s]))
  const changed = new Set<IncidentId>()
  for (const [k, inc] of found.entries()) {
    if (changed.has(inc.id) || lists[k]!.some((id) => changed.has(id))) {
      const made = await matchOne(tx, inc.id, ctx)
      if (made !== null) record(made)
      continue
    }
    const subject = subjects.get(inc.id)
    if (subject === undefined || fits[k]!.length === 0) continue
    const undone = await unmergedPartners(tx, subject.id)
    const made = await mergeIfMatched(tx, subject, fits[k]!.filter((i) => !undone.has(i.id)).map((i) => withTheirClaims.get(i.id)!), ctx)
    if (made !== null) record(made)
  }
  function record(m: MatchMade): void {
    matched.push(m)
    changed.add(m.from).add(m.into)
  }
}

/** Matches one incident against the incidents on record near its date, as they are now; the match made, if any. */
async function matchOne(tx: Store, id: IncidentId, ctx: ChangeContext): Promise<MatchMade | null> {
  const inc = await tx.incidents.get(id)
  if (inc === null || inc.status !== 'active') return null
  const subject = (await withClaims(tx, [inc]))[0]!
  if (subject.claims.length === 0 || (subject.date.start === null && subject.date.end === null)) return null
  const undone = await unmergedPartners(tx, id)
  const near = (await tx.incidents.candidates({ date: subject.date, country: subject.place?.country ?? null })).filter(
    (inc) => inc.status === 'active' && !undone.has(inc.id) && mayMatch(subject, inc),
  )
  return mergeIfMatched(tx, subject, await withClaims(tx, near), ctx)
}

/** Merges `subject` into its match among `candidates`, if it has one, and reconciles the incident it joined. */
async function mergeIfMatched(tx: Store, subject: MatchSubject, candidates: readonly MatchSubject[], ctx: ChangeContext): Promise<MatchMade | null> {
  const d = matchIncident(subject, candidates)
  if (d.incidentId === null) return null
  await tx.incidents.merge(subject.id, d.incidentId, { actor: ctx.actor, why: d.reason })
  await reconcileIncidents(tx, [d.incidentId])
  return { from: subject.id, into: d.incidentId, reason: d.reason }
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
