/**
 * @module Process a source: extract its claims, store them, link its incident claims to incidents (joining one on
 * record or opening a new one), and reconcile the figures of every incident touched, all in one transaction.
 *
 * Usable as ingest's `afterSource` hook (`processSourceHook`), which already runs inside the source's transaction.
 */
import type { Claim, ClaimDraft } from '../domain/claim.js'
import type { IncidentId } from '../domain/ids.js'
import type { Incident } from '../domain/incident.js'
import type { Period } from '../domain/dates.js'
import type { Place } from '../domain/place.js'
import type { ChangeContext } from '../domain/revision.js'
import type { Source } from '../domain/source.js'
import { extract } from '../extraction/index.js'
import { incidentSetting, linkClaim, reconcile, suggestIncidents, type LinkCandidate, type SourceRef } from '../reconciliation/index.js'
import type { Store } from '../storage/store.js'
import { extractedOf, victimMentions, type Extracted } from './extracted.js'

/** What processing a source did. */
export interface ProcessResult {
  readonly claims: readonly Claim[]
  /** Incidents opened for this source's claims. */
  readonly created: readonly IncidentId[]
  /** Incidents on record that this source's claims joined. */
  readonly joined: readonly IncidentId[]
}

/**
 * What a source's text claims (and, optionally, the victims the claims name): the rules extraction, unless a caller
 * (a worker, a test) supplies its own.
 */
export type Extractor = (source: Source) => readonly ClaimDraft[] | Extracted | Promise<readonly ClaimDraft[] | Extracted>

/** The rules extraction as an Extractor: the source's publisher claims what the text says in its own voice. */
export const rulesExtractor: Extractor = (source) => extractedOf(extract(source.text, { published: source.published, publisher: source.publisher }))

/** Extracts, stores, links and reconciles one source's claims in one transaction. */
export async function processSource(store: Store, source: Source, ctx: ChangeContext, extractor: Extractor = rulesExtractor): Promise<ProcessResult> {
  return store.transaction(async (tx) => {
    const out = await extractor(source)
    const { claims: drafts, victims = [] } = 'claims' in out ? out : { claims: out }
    const added = await tx.claims.addForSource(source.id, drafts, ctx)
    // Before linking: the victims join their claims' incidents as the claims are linked (see VictimRepo).
    await tx.victims.addMentions(source.id, victimMentions(source.text, added, victims), ctx)
    const { created, joined } = await linkClaims(tx, added, ctx)
    await reconcileIncidents(tx, [...created, ...joined])
    // Read back: linking changed the claims' incident ids.
    const claims = (await tx.claims.list({ sourceId: source.id }, { limit: 1000 })).items
    return { claims, created, joined }
  })
}

/** A candidate incident for a claim, with a score in [0, 1] and the reasons behind it. */
export interface IncidentMatch {
  readonly incident: Incident
  readonly score: number
  readonly reasons: readonly string[]
}

/**
 * Incidents a claim might belong to, best first, with scores and reasons (for the review UI and the API's
 * suggestions): the 50 nearest candidates, each judged with up to 200 of its claims.
 */
export async function suggestForClaim(store: Store, claim: Claim): Promise<IncidentMatch[]> {
  const near = await store.incidents.candidates({ date: claim.period, country: claim.place?.country ?? null, limit: 50 })
  const candidates: LinkCandidate[] = []
  for (const incident of near) candidates.push({ ...incident, claims: (await store.claims.list({ incidentId: incident.id }, { limit: 200 })).items })
  const byId = new Map(near.map((i) => [i.id, i]))
  return suggestIncidents(claim, candidates).flatMap((s) => {
    const incident = byId.get(s.incidentId)
    return incident === undefined ? [] : [{ incident, score: s.score, reasons: s.reason.split('; ') }]
  })
}

/** The `afterSource` hook for ingest: processes each new source inside the transaction that stores it. */
export function processSourceHook(ctx: ChangeContext, extractor: Extractor = rulesExtractor): (source: Source, tx: Store) => Promise<void> {
  return async (source, tx) => {
    await processSource(tx, source, ctx, extractor)
  }
}

/**
 * Links unlinked incident-scope claims: the claims of one event in one source (same eventKey) move together,
 * judged on what they say jointly (their names pooled). Returns the incidents opened and joined.
 */
export async function linkClaims(tx: Store, claims: readonly Claim[], ctx: ChangeContext): Promise<{ created: IncidentId[]; joined: IncidentId[] }> {
  const created: IncidentId[] = []
  const joined: IncidentId[] = []
  const events = new Map<string, Claim[]>()
  for (const c of claims) {
    if (c.scope !== 'incident' || c.incidentId !== null || c.status === 'rejected') continue
    // An undated claim ("on Thursday" with no publication date) cannot be placed among strikes: it waits for a
    // reviewer instead of opening an incident no other report could ever be matched to.
    if (c.period.start === null && c.period.end === null) continue
    const k = c.eventKey !== null ? `event:${c.eventKey}` : `claim:${c.id}`
    const l = events.get(k)
    if (l) l.push(c)
    else events.set(k, [c])
  }
  for (const group of events.values()) {
    const lead = group[0]!
    const names = [...new Set(group.flatMap((c) => c.names))]
    // The strike's place and date: the most precise its claims support without conflict (a village, not the country).
    const setting = incidentSetting(group)
    const period = setting.dateClaim !== null ? setting.date : lead.period
    const probe: Claim = { ...lead, names, period, actor: group.find((c) => c.actor !== null)?.actor ?? null, place: setting.place ?? group.find((c) => c.place !== null)?.place ?? null }
    const candidates = await candidatesFor(tx, probe)
    const decision = linkClaim(probe, candidates)
    let incidentId = decision.incidentId
    if (incidentId === null) {
      const incident = await tx.incidents.create(
        { date: probe.period, place: probe.place, actor: probe.actor, target: null, victims: [], grade: null },
        ctx,
      )
      incidentId = incident.id
      created.push(incidentId)
    } else if (!joined.includes(incidentId) && !created.includes(incidentId)) {
      joined.push(incidentId)
    }
    await tx.incidents.link(
      group.map((c) => c.id),
      incidentId,
      decision.reason,
      ctx,
    )
  }
  return { created, joined }
}

async function candidatesFor(tx: Store, claim: Claim): Promise<LinkCandidate[]> {
  if (claim.period.start === null && claim.period.end === null) return []
  const incidents = await tx.incidents.candidates({ date: claim.period, country: claim.place?.country ?? null })
  const out: LinkCandidate[] = []
  for (const inc of incidents) {
    const linked = await tx.claims.list({ incidentId: inc.id }, { limit: 1000 })
    out.push({ ...inc, claims: linked.items })
  }
  return out
}

/** Who writes an incident's place and date when its claims set them: recorded on the revision, never an editor. */
export const SETTING_CHANGE: ChangeContext = { actor: 'reconciler', why: 'the most precise place and date its claims support without conflict' }

/**
 * Recomputes the figures of the given incidents from their claims (rejected claims never count), and their place and
 * date: the most precise the claims support without conflict, unless an editor set that field. A conflict (two
 * villages, two days) leaves the field as it was, for an editor: the check reports it as a finding.
 */
export async function reconcileIncidents(tx: Store, ids: readonly IncidentId[]): Promise<void> {
  // One source usually feeds several incidents: read each publisher once.
  const publishers = new Map<string, string | null>()
  for (const id of new Set(ids)) {
    const claims = (await tx.claims.list({ incidentId: id }, { limit: 1000 })).items
    const unread = [...new Set(claims.map((c) => c.sourceId))].filter((s) => !publishers.has(s))
    for (const s of await tx.sources.summaries(unread)) publishers.set(s.id, s.publisher)
    const sources: SourceRef[] = [...new Set(claims.map((c) => c.sourceId))].map((id) => ({ id, publisher: publishers.get(id) ?? null }))
    await tx.incidents.setFigures(id, reconcile(claims, sources))
    const setting = incidentSetting(claims)
    // The same place or days as stored are no change: the stored one keeps its own precision note (a dataset's code).
    const current = await tx.incidents.get(id)
    const samePlace = (p: Place | null): boolean => p !== null && current?.place != null && p.name === current.place.name && p.admin1 === current.place.admin1 && p.country === current.place.country && p.precision === current.place.precision
    const sameDays = (d: Period): boolean => d.start === current?.date.start && d.end === current?.date.end
    const place = setting.placeClaim !== null && setting.placeConflict === null && !samePlace(setting.place) ? setting.place : undefined
    const date = setting.dateClaim !== null && setting.dateConflict === null && !sameDays(setting.date) ? setting.date : undefined
    if (place !== undefined || date !== undefined) await tx.incidents.update(id, { place, date }, SETTING_CHANGE, { by: 'claims' })
  }
}
