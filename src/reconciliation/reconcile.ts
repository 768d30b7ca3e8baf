/**
 * @module Reconciliation: an incident's claims become one reported range per (measure, category).
 *
 * The rule, after TBIJ's drone database (min = the lowest figure any source gives, max = the highest):
 * - each counting claim reports a low figure and a high figure. A two-sided claim reports its bounds. A one-sided
 *   claim reports its one figure on both sides: "at least 8" reports 8 as its low and 8 as its high, "up to 5"
 *   reports 5 and 5;
 * - the figure's min is the lowest reported low; its max the highest reported high;
 * - a bound is left open (null) only when no claim bounds that side: "at least 8" alone gives [8, open);
 *   "at least 8" with "five" gives [5, 8]; "up to 5" alone gives (open, 5].
 * Rejected claims never count. `lowClaims`/`highClaims` are the claims that set each bound (for an open bound,
 * the claims that leave it open).
 */
import { counts, type Claim, type ClaimId, type Figure, type Finding, type Category, type Measure, CATEGORIES, MEASURES } from '../domain/index.js'
import { findingId } from './finding-id.js'

/** A source as reconciliation needs it: its id and publisher (sources of one publisher are not independent). */
export interface SourceRef {
  readonly id: string
  readonly publisher: string | null
}

type FigureClaim = Pick<Claim, 'id' | 'sourceId' | 'status' | 'measure' | 'category' | 'min' | 'max'>

/** The low figure a claim reports, or null when it bounds nothing below or above. */
export const reportedLow = (c: Pick<Claim, 'min' | 'max'>): number | null => c.min ?? c.max
/** The high figure a claim reports ("at least 8" reports 8), or null when it gives no figure at all. */
export const reportedHigh = (c: Pick<Claim, 'min' | 'max'>): number | null => c.max ?? c.min

/** One reported range per (measure, category) over the counting claims, in vocabulary order. */
export function reconcile(claims: readonly FigureClaim[], sources: readonly SourceRef[]): Figure[] {
  const publisherOf = new Map(sources.map((s) => [s.id, s.publisher]))
  const groups = new Map<string, FigureClaim[]>()
  for (const c of claims) {
    if (!counts(c)) continue
    const k = `${c.measure}|${c.category}`
    const g = groups.get(k)
    if (g) g.push(c)
    else groups.set(k, [c])
  }
  const out: Figure[] = []
  for (const measure of MEASURES) {
    for (const category of CATEGORIES) {
      const g = groups.get(`${measure}|${category}`)
      if (g) out.push(figureOf(measure, category, g, publisherOf))
    }
  }
  return out
}

function figureOf(measure: Measure, category: Category, claims: readonly FigureClaim[], publisherOf: ReadonlyMap<string, string | null>): Figure {
  // A side stays open only when no claim bounds it; otherwise every claim's reported figure competes for it.
  const boundsLow = claims.some((c) => c.min !== null)
  const boundsHigh = claims.some((c) => c.max !== null)
  let min: number | null = null
  let max: number | null = null
  for (const c of claims) {
    const l = reportedLow(c)
    const h = reportedHigh(c)
    if (boundsLow && l !== null) min = min === null ? l : Math.min(min, l)
    if (boundsHigh && h !== null) max = max === null ? h : Math.max(max, h)
  }
  const lowClaims = claims.filter((c) => (min === null ? c.min === null : reportedLow(c) === min)).map((c) => c.id)
  const highClaims = claims.filter((c) => (max === null ? c.max === null : reportedHigh(c) === max)).map((c) => c.id)
  const independent = new Set(claims.map((c) => normalisePublisher(publisherOf.get(c.sourceId) ?? null) ?? `source:${c.sourceId}`))
  return { measure, category, min, max, lowClaims, highClaims, claims: claims.map((c) => c.id), sources: independent.size }
}

function normalisePublisher(p: string | null): string | null {
  if (p === null) return null
  const n = p.trim().toLowerCase().replace(/^the\s+/, '')
  return n === '' ? null : `publisher:${n}`
}

/** Categories whose counts lie inside another's: children and women are civilians; all are part of the total. */
export const SUBSET_OF: Readonly<Partial<Record<Category, readonly Category[]>>> = {
  children: ['civilians', 'total'],
  women: ['civilians', 'total'],
  civilians: ['total'],
  militants: ['total'],
  security: ['total'],
}

type InvariantClaim = Pick<Claim, 'id' | 'claimant'>

/**
 * Findings where an incident's sources break an invariant (a part larger than its whole): even the lowest
 * report of the part exceeds the highest report of the whole. These are reported, never silently fixed.
 */
export function invariantFindings(figures: readonly Figure[], claimsById: ReadonlyMap<ClaimId, InvariantClaim>, incidentLabel = 'this incident'): Finding[] {
  const byKey = new Map(figures.map((f) => [`${f.measure}|${f.category}`, f]))
  const out: Finding[] = []
  for (const part of figures) {
    for (const wholeCat of SUBSET_OF[part.category] ?? []) {
      const whole = byKey.get(`${part.measure}|${wholeCat}`)
      if (!whole || part.min === null || whole.max === null || part.min <= whole.max) continue
      // Skip total when civilians already breaks: one finding per broken pair, the tightest whole first.
      const low = part.lowClaims[0]
      const high = whole.highClaims[0]
      if (low === undefined || high === undefined) continue
      const claims = [low, high]
      const who = (id: ClaimId): string | null => claimsById.get(id)?.claimant ?? null
      const label = (id: ClaimId): string => who(id) ?? 'the source'
      out.push({
        id: findingId('contradiction', claims),
        kind: 'contradiction',
        measure: part.measure,
        category: part.category,
        claims,
        claimants: [...new Set([who(low), who(high)])],
        summary: `${label(low)}: at least ${part.min} ${part.category} ${part.measure} in ${incidentLabel}; ${label(high)}: at most ${whole.max} ${wholeCat} ${part.measure}; ${part.category} cannot exceed ${wholeCat}`,
        arithmetic: `${part.min} > ${whole.max}`,
      })
    }
  }
  return out
}
