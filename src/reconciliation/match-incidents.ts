/**
 * @module Cross-dataset matching: is an incident one dataset (or an article) recorded the same strike as an
 * incident on record from another? The same evidence and rules as linking a claim (`linkClaim`): date within its
 * precision, place within the gazetteer hierarchy or the coordinates' radius, the same actor however each source
 * names it, names in common; plus one rule of datasets: two rows of one dataset are never one strike, since a
 * dataset records each event once.
 */
import type { Incident } from '../domain/index.js'
import { linkClaim, suggestIncidents, type LinkCandidate, type LinkClaim, type LinkDecision, type LinkOptions } from './link.js'

/** An incident with its claims and where they come from (`import:acled` … for dataset rows, `report` otherwise). */
export type MatchSubject = LinkCandidate & Partial<Pick<Incident, 'target' | 'victims'>> & { readonly origins: readonly string[] }

/** The origin of a claim: the dataset importer that made it, or `report` for extraction and people. */
export function originOf(extractor: string): string {
  return extractor.startsWith('import:') ? extractor : 'report'
}

const isDataset = (origin: string): boolean => origin !== 'report'

/** True when two incidents' origins share a dataset: two rows of one dataset are never one strike. */
export function sharesDataset(a: readonly string[], b: readonly string[]): boolean {
  return a.some((o) => isDataset(o) && b.includes(o))
}

/** The incident as one claim: its date, place and actor, and every name any of its claims or fields gives. */
function probeOf(subject: MatchSubject): LinkClaim | null {
  const first = subject.claims[0]
  if (first === undefined) return null
  const names = [...new Set([...subject.claims.flatMap((c) => c.names), ...(subject.victims ?? []), ...(subject.target ? [subject.target] : [])])]
  return { id: first.id, sourceId: first.sourceId, scope: 'incident', period: subject.date, place: subject.place, actor: subject.actor, eventKey: null, names }
}

/**
 * True when `candidate`'s own date, place and actor leave it possible as `subject`'s match: a cheap test on the
 * incident alone, so only the incidents it passes need their claims read.
 */
export function mayMatch(subject: MatchSubject, candidate: Omit<LinkCandidate, 'claims'>): boolean {
  const probe = probeOf(subject)
  return probe !== null && candidate.id !== subject.id && suggestIncidents(probe, [{ ...candidate, claims: [] }]).length > 0
}

/**
 * Decides whether `subject` is the same strike as one of `candidates` (never itself, never one holding rows of a
 * dataset it holds rows of), and says why; `incidentId` null means no match.
 */
export function matchIncident(subject: MatchSubject, candidates: readonly MatchSubject[], options: LinkOptions = {}): LinkDecision {
  const eligible = candidates.filter((c) => c.id !== subject.id && !sharesDataset(subject.origins, c.origins))
  const probe = probeOf(subject)
  if (probe === null) return { incidentId: null, reason: 'no claims to match', score: 0 }
  const d = linkClaim(probe, eligible, options)
  if (d.incidentId === null) return { ...d, reason: d.reason.replace(/^new incident/, 'no match') }
  return { ...d, reason: d.reason.replace(/^joined/, 'matched') }
}
