/**
 * @module Cross-dataset matching: is an incident one dataset (or an article) recorded the same strike as an
 * incident on record from another? The same evidence and rules as linking a claim (`linkClaim`): date within its
 * precision, place within the gazetteer hierarchy or the coordinates' radius, the same actor however each source
 * names it, names in common; plus one rule of datasets: two rows of one dataset are never one strike, since a
 * dataset records each event once.
 */
import type { Incident } from '../domain/index.js'
import { linkClaim, type LinkCandidate, type LinkDecision, type LinkOptions } from './link.js'

/** An incident with its claims and where they come from (`import:acled` … for dataset rows, `report` otherwise). */
export type MatchSubject = LinkCandidate & Partial<Pick<Incident, 'target' | 'victims'>> & { readonly origins: readonly string[] }

/** The origin of a claim: the dataset importer that made it, or `report` for extraction and people. */
export function originOf(extractor: string): string {
  return extractor.startsWith('import:') ? extractor : 'report'
}

const isDataset = (origin: string): boolean => origin !== 'report'

/**
 * Decides whether `subject` is the same strike as one of `candidates` (never itself, never one holding rows of a
 * dataset it holds rows of), and says why; `incidentId` null means no match.
 */
export function matchIncident(subject: MatchSubject, candidates: readonly MatchSubject[], options: LinkOptions = {}): LinkDecision {
  const datasets = new Set(subject.origins.filter(isDataset))
  const eligible = candidates.filter((c) => c.id !== subject.id && !c.origins.some((o) => isDataset(o) && datasets.has(o)))
  const first = subject.claims[0]
  if (first === undefined) return { incidentId: null, reason: 'no claims to match', score: 0 }
  // The incident speaks as one claim: its date, place and actor, and every name any of its claims or fields gives.
  const names = [...new Set([...subject.claims.flatMap((c) => c.names), ...(subject.victims ?? []), ...(subject.target ? [subject.target] : [])])]
  const probe = { id: first.id, sourceId: first.sourceId, scope: 'incident' as const, period: subject.date, place: subject.place, actor: subject.actor, eventKey: null, names }
  const d = linkClaim(probe, eligible, options)
  if (d.incidentId === null) return { ...d, reason: d.reason.replace(/^new incident/, 'no match') }
  return { ...d, reason: d.reason.replace(/^joined/, 'matched') }
}
