/**
 * @module The principal incident's reconciled figures, from one text's claims.
 *
 * The principal incident is the one of the first incident-scoped casualty claim. Within it, a category's figure is
 * the envelope of its claims ([lowest low, highest high], as reconciliation does across sources). Where the text
 * gives no total, the total is the sum of disjoint groups (civilians or women plus children, militants, security,
 * unknown); where it gives children or women but no civilians, civilians lie between those and the total.
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { Range } from '../domain/range.js'
import type { Category } from '../domain/values.js'
import type { ExtractedClaim, FigurePart } from './extract.js'

/** Reconciled figures of the principal incident; null where the text gives none. */
export interface Summary {
  readonly killed: Range | null
  readonly civilians: Range | null
  readonly children: Range | null
  readonly injured: Range | null
}

type Figures = Pick<ClaimDraft, 'measure' | 'category' | 'min' | 'max' | 'scope' | 'eventKey'>

/** [lowest stated low, highest stated high]; a bound no claim states stays open ("at least 6" and "as many as 50" give 6–50). */
const envelope = (rs: readonly Range[]): Range | null => {
  if (rs.length === 0) return null
  let min: number | null = null
  let max: number | null = null
  for (const r of rs) {
    if (r.min !== null) min = min === null ? r.min : Math.min(min, r.min)
    if (r.max !== null) max = max === null ? r.max : Math.max(max, r.max)
  }
  if (min !== null && max !== null && max < min) max = null
  return { min, max }
}

const add = (a: Range | null, b: Range | null): Range | null => {
  if (a === null) return b
  if (b === null) return a
  return { min: (a.min ?? 0) + (b.min ?? 0), max: a.max === null || b.max === null ? null : a.max + b.max }
}

function byCategory(claims: readonly Figures[], cat: Category): Range | null {
  return envelope(claims.filter((c) => c.category === cat).map((c) => ({ min: c.min, max: c.max })))
}

/** True when extraction marked the claim as that kind of part (the figures read back from JSON carry it too). */
const isPart = (c: object, part: FigurePart): boolean => (c as ExtractedClaim).part === part

/** The total: a stated total (or the sum of disjoint groups) plus people counted on top of it. */
function total(all: readonly Figures[]): Range | null {
  const extra = all.filter((c) => isPart(c, 'additional'))
  const claims = all.filter((c) => !isPart(c, 'subset') && !isPart(c, 'additional'))
  let base = disjoint(claims)
  const t = byCategory(claims, 'total')
  if (t !== null) {
    // A stated total is at least any one part of it ("5-6 civilians among up to 13 killed" gives 5–13), and holds
    // unless its parts say more ("killed 12 civilians … eleven died immediately" gives 12).
    let part = 0
    for (const c of all) if (c.category !== 'total' && !isPart(c, 'additional') && c.min !== null) part = Math.max(part, c.min)
    const lowest = Math.max(t.min ?? 0, base?.min ?? 0, part)
    if (t.max !== null && lowest > t.max) base = { min: lowest, max: base?.max != null && base.max >= lowest ? base.max : lowest }
    else base = { min: t.min === null && lowest === 0 ? null : lowest, max: t.max }
  }
  // Only parts of an uncounted group ("a woman and a child were among the injured"): at least their sum.
  if (base === null) {
    const subsets = all.filter((c) => isPart(c, 'subset'))
    // Named victims ("X was killed") are parts of any total, and at least themselves.
    const parts = disjoint(subsets) ?? byCategory(subsets, 'total')
    if (parts !== null && parts.min !== null) base = { min: parts.min, max: null }
  }
  for (const e of extra) base = add(base, { min: e.min, max: e.max })
  return base
}

/** Sum of disjoint groups, or null when none is given. */
function disjoint(claims: readonly Figures[]): Range | null {
  const civ = byCategory(claims, 'civilians')
  const parts = add(byCategory(claims, 'children'), byCategory(claims, 'women'))
  const civilians = civ !== null && parts !== null ? ((civ.min ?? 0) >= (parts.min ?? 0) ? civ : parts) : (civ ?? parts)
  let sum: Range | null = civilians
  for (const c of ['militants', 'security', 'unknown', 'men'] as const) sum = add(sum, byCategory(claims, c))
  return sum
}

/** Figures of the principal incident that `claims` (from one text) report. */
export function summarise(claims: readonly Figures[]): Summary {
  const casualty = claims.filter((c) => c.measure === 'killed' || c.measure === 'injured')
  // The principal incident: the first incident claim's event; a text with only wider figures falls back to its first one.
  const first = casualty.find((c) => c.scope === 'incident')
  const principal = first !== undefined ? casualty.filter((c) => c.scope === 'incident' && c.eventKey === first.eventKey) : casualty.slice(0, 1)
  const killed = principal.filter((c) => c.measure === 'killed')
  const injured = principal.filter((c) => c.measure === 'injured')
  const killedTotal = total(killed)
  const children = byCategory(killed, 'children')
  let civilians = byCategory(killed, 'civilians')
  if (civilians === null) {
    const lower = add(children, byCategory(killed, 'women'))
    if (lower !== null && killedTotal !== null) {
      civilians = killedTotal.max !== null && (lower.min ?? 0) > killedTotal.max ? lower : { min: lower.min, max: killedTotal.max }
    }
  }
  const parts = withinTotal(killed, killedTotal, civilians, children)
  // Children are civilians: an account that leaves no room for civilians ("five militants were killed", "no
  // civilians died") leaves none for children either, unless the text counts children itself.
  const none = parts.civilians !== null && parts.civilians.min === 0 && parts.civilians.max === 0
  return { killed: killedTotal, civilians: parts.civilians, children: parts.children ?? (none ? { min: 0, max: 0 } : null), injured: total(injured) }
}

/** Lowers a range's upper bound to `cap` (never below its own lower bound). */
const capAt = (r: Range, cap: number | null): Range => {
  if (cap === null || (r.max !== null && r.max <= cap)) return r
  return { min: r.min, max: Math.max(cap, r.min ?? 0) }
}

/**
 * Applies the invariants the parts of one incident obey: civilians are at most the total less the militants and
 * security forces counted beside them ("three women and four children … five militants also killed", 12 in all:
 * civilians 7), and children at most the civilians ("15-20 killed, including at least four civilians": 4–20).
 */
function withinTotal(killed: readonly Figures[], all: Range | null, civilians: Range | null, children: Range | null): { civilians: Range | null; children: Range | null } {
  if (all === null || all.max === null) return { civilians, children }
  let others = 0
  for (const cat of ['militants', 'security'] as const) {
    const group = killed.filter((c) => c.category === cat && !isPart(c, 'subset') && !isPart(c, 'additional'))
    others += envelope(group.map((c) => ({ min: c.min, max: c.max })))?.min ?? 0
  }
  const civCap = all.max - others >= (civilians?.min ?? 0) ? all.max - others : all.max
  const civ = civilians === null ? null : capAt(civilians, civCap)
  const ch = children === null ? null : capAt(children, civ?.max ?? civCap)
  return { civilians: civ, children: ch }
}
