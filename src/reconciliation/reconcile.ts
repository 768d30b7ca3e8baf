/**
 * @module Reconciliation: an incident's claims become one reported range per (measure, category).
 *
 * The rule, after TBIJ's drone database (min = the lowest figure any source gives, max = the highest), with the
 * claimants' accounts kept apart:
 * - each counting claim reports a low figure and a high figure. A two-sided claim reports its bounds; "up to 5"
 *   reports 5 and 5; "at least 8" reports 8 as its low and leaves the high open;
 * - the figure's min is the lowest reported low; its max the highest reported high, and open (null) when any claim
 *   leaves it open: "at least 8" with "five" gives 5 and more ("5+"), never a closed 5–8 that no claim supports;
 * - accounts of the same dead by different claimants are alternatives, never addends. Where no claim states a
 *   total, the total is derived: each claimant's own breakdown in one source adds up ("5 militants and 3 civilians
 *   were killed, officials said": at least 8 from the officials), and any part bounds the whole from below. A
 *   breakdown is closed only when its claimant's account is whole (it carries a zero claim: "five militants", all
 *   the dead militants, is five dead); a partial account ("three of the dead were civilians") bounds only the low.
 * Rejected claims never count. `lowClaims`/`highClaims` are the claims that set each bound (for an open bound,
 * the claims that leave it open). Then parts are kept within their wholes (civilians ≤ total, children ≤
 * civilians) where the sources allow it, the bound taking the claims of the whole that sets it (`withinWholes`).
 */
import { groupOfClaimant } from './claimant-group.js'
import { counts, type Claim, type ClaimId, type Figure, type Category, type Measure, CATEGORIES, MEASURES } from '../domain/index.js'

/** A source as reconciliation needs it: its id and publisher (sources of one publisher are not independent). */
export interface SourceRef {
  readonly id: string
  readonly publisher: string | null
}

type FigureClaim = Pick<Claim, 'id' | 'sourceId' | 'status' | 'measure' | 'category' | 'min' | 'max'> & Partial<Pick<Claim, 'claimant' | 'zero'>>

/** The low figure a claim reports, or null when it bounds nothing below or above. */
export const reportedLow = (c: Pick<Claim, 'min' | 'max'>): number | null => c.min ?? c.max
/** The high figure a claim reports ("at least 8" reports 8), or null when it gives no figure at all. Checking uses it as the claim's stated figure; a figure's max stays open beside an open claim. */
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
  // Zero claims are whole accounts of their own ("no civilians were killed"): a part reported by someone else is
  // an alternative account, not a floor under them (checking reports the characterisation dispute).
  const zeros = new Set(claims.filter((c) => c.zero != null && counts(c)).map((c) => c.id))
  for (const measure of MEASURES) {
    const figures = new Map<Category, Figure>()
    for (const category of CATEGORIES) {
      const g = groups.get(`${measure}|${category}`)
      if (g) figures.set(category, figureOf(measure, category, g, publisherOf))
    }
    if (!figures.has('total')) {
      const derived = derivedTotal(measure, claims.filter((c) => counts(c) && c.measure === measure), publisherOf)
      if (derived !== null) figures.set('total', derived)
    }
    withinWholes(figures, zeros)
    for (const category of CATEGORIES) {
      const f = figures.get(category)
      if (f) out.push(f)
    }
  }
  return out
}

// Parts before their wholes, tightest whole first: the order caps pass down and floors pass up.
const PART_ORDER: readonly Category[] = ['children', 'women', 'civilians', 'militants', 'security', 'men']

/**
 * Makes one measure's figures respect "a part never exceeds its whole" where the sources allow it: a part's open or
 * higher max is capped at its whole's max ("civilians 3–10" beside "5 killed in all" gives civilians 3–5), and a
 * whole's min rises to a part's min ("3–10 killed" beside "5 civilians" gives 5–10). The claims that set the cap or
 * floor become that bound's claims, so the derived bound still traces to what was said. Where even the lowest
 * report of a part exceeds the highest of its whole, nothing is changed: checking reports it as a contradiction.
 */
function withinWholes(figures: Map<Category, Figure>, zeros: ReadonlySet<ClaimId>): void {
  // Caps pass down: total → civilians → children, so children end within the tightest whole.
  for (const part of [...PART_ORDER].reverse()) {
    for (const wholeCat of [...(SUBSET_OF[part] ?? [])].reverse()) {
      const p = figures.get(part)
      const w = figures.get(wholeCat)
      if (!p || !w || w.max === null || (p.min ?? 0) > w.max || (p.max !== null && p.max <= w.max)) continue
      figures.set(part, { ...p, max: w.max, highClaims: w.highClaims, claims: union(p.claims, w.highClaims) })
    }
  }
  // Floors pass up: children → civilians → total.
  for (const part of PART_ORDER) {
    for (const wholeCat of SUBSET_OF[part] ?? []) {
      const p = figures.get(part)
      const w = figures.get(wholeCat)
      if (!p || !w || p.min === null || (w.min !== null && w.min >= p.min) || (w.max !== null && p.min > w.max)) continue
      if (w.lowClaims.length > 0 && w.lowClaims.every((id) => zeros.has(id))) continue
      figures.set(wholeCat, { ...w, min: p.min, lowClaims: p.lowClaims, claims: union(w.claims, p.lowClaims) })
    }
  }
}

const union = (a: readonly ClaimId[], b: readonly ClaimId[]): ClaimId[] => [...new Set([...a, ...b])]

function figureOf(measure: Measure, category: Category, claims: readonly FigureClaim[], publisherOf: ReadonlyMap<string, string | null>): Figure {
  // A side stays open only when no claim bounds it; otherwise every claim's reported figure competes for it.
  const boundsLow = claims.some((c) => c.min !== null)
  // An open claim ("at least 8") keeps the high end open: any closed max would be one no claim supports.
  const boundsHigh = claims.some((c) => c.max !== null) && !claims.some((c) => c.min !== null && c.max === null)
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

// Disjoint groups of the dead: a breakdown adds these up (children and women are civilians, so they stand in for
// civilians only when the claimant gives no civilian figure).
const DISJOINT: readonly Category[] = ['civilians', 'militants', 'security', 'unknown']

/**
 * The total where no claim states one: per claimant, the largest sum of its own parts within one source, as an
 * alternative account; the figure's low is the lowest whole account, but never below the largest part anyone
 * reports, and its high is closed only by whole accounts (those with a zero claim) no part exceeds.
 */
function derivedTotal(measure: Measure, claims: readonly FigureClaim[], publisherOf: ReadonlyMap<string, string | null>): Figure | null {
  const parts = claims.filter((c) => c.category !== 'total')
  if (parts.length === 0) return null
  const accounts = new Map<string, FigureClaim[]>()
  for (const c of parts) {
    const k = `${groupOfClaimant(c.claimant ?? null)}|${c.sourceId}`
    const l = accounts.get(k)
    if (l) l.push(c)
    else accounts.set(k, [c])
  }
  let floor = 0
  let floorClaims: ClaimId[] = []
  for (const c of parts) {
    const l = reportedLow(c) ?? 0
    if (l > floor) {
      floor = l
      floorClaims = [c.id]
    }
  }
  let wholeLow: number | null = null
  let wholeHigh: number | null = null
  let wholeClaims: ClaimId[] = []
  let partialLow = 0
  for (const list of accounts.values()) {
    let low = 0
    let high = 0
    for (const cat of DISJOINT) {
      let own = list.filter((c) => c.category === cat)
      if (cat === 'civilians' && own.length === 0) own = list.filter((c) => c.category === 'children' || c.category === 'women')
      if (own.length === 0) continue
      // Within one claimant, restatements are one figure; children and women add up as parts of the civilians.
      const lows = cat === 'civilians' && own[0]!.category !== 'civilians' ? sumBy(own, (c) => reportedLow(c) ?? 0) : Math.min(...own.map((c) => reportedLow(c) ?? 0))
      low += lows
      const highs = own.map((c) => (c.min !== null && c.max === null ? Number.POSITIVE_INFINITY : (reportedHigh(c) ?? Number.POSITIVE_INFINITY)))
      high += cat === 'civilians' && own[0]!.category !== 'civilians' ? highs.reduce((t, h) => t + h, 0) : Math.max(...highs)
    }
    const whole = list.some((c) => c.zero != null) && Number.isFinite(high)
    if (whole) {
      if (wholeLow === null || low < wholeLow) wholeLow = low
      if (wholeHigh === null || high > wholeHigh) {
        wholeHigh = high
        wholeClaims = list.map((c) => c.id)
      }
    } else if (low > partialLow) partialLow = low
  }
  const min = Math.max(wholeLow ?? partialLow, floor)
  const max = wholeHigh !== null && wholeHigh >= Math.max(min, partialLow) ? wholeHigh : null
  const ids = parts.map((c) => c.id)
  const independent = new Set(parts.map((c) => normalisePublisher(publisherOf.get(c.sourceId) ?? null) ?? `source:${c.sourceId}`))
  return {
    measure,
    category: 'total',
    min: min === 0 && wholeLow === null ? null : min,
    max,
    lowClaims: floor >= (wholeLow ?? partialLow) && floorClaims.length > 0 ? floorClaims : ids,
    highClaims: max === null ? ids : wholeClaims,
    claims: ids,
    sources: independent.size,
  }
}

const sumBy = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((t, x) => t + f(x), 0)

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
  men: ['total'],
}
