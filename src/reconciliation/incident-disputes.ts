/**
 * @module Disputes at one strike: the claimants of one incident set side by side.
 *
 * Claims of one incident (its incidentId; else one source's eventKey) are grouped by claimant, a claimant being its
 * group (`groupOfClaimant`: a state's organs speak as one) with acronyms joined to the names they abbreviate
 * ("AFRICOM" is "US Africa Command"), and a document's own voice being its source's. Then, per (measure, category):
 * - figure dispute: two claimants whose figures cannot both hold: no figure of one overlaps any figure of the
 *   other ("between 24 and 30" against "14"; "at least 8" against "5"). Overlapping ranges, and one claimant
 *   restating itself, give none; copies of one report are one claimant saying the same thing;
 * - characterisation dispute: one claimant's account leaves no room for civilians (an explicit or implied 0)
 *   while another reports civilians (or children, or women) among the dead; or the converse: one claimant's whole
 *   account of the dead is civilians while another reports militants among them. One per pair of claimants;
 * - revision: one claimant whose own figures cannot all hold changes its figure over time (an initial denial,
 *   then an admission); ordered by publication date, then by position in the text, and reported as a revision,
 *   never as a contradiction. A document's own voice is not a claimant revising itself.
 * Memory is one compact row per claim; incidents are visited once, sorted.
 */
import type { Category, Claim, ClaimId, Finding, Measure } from '../domain/index.js'
import { findingId } from './finding-id.js'

/** The claim fields dispute checking reads. */
export type DisputeClaim = Pick<Claim, 'id' | 'sourceId' | 'measure' | 'category' | 'min' | 'max' | 'claimant'> &
  Partial<Pick<Claim, 'qualifier' | 'zero' | 'span' | 'quote'>>

// Words that date a statement relative to another by the same claimant ("initially stated", "later admitted").
const EARLIER = /\b(initially|originally|at first|first (?:said|stated|reported|claimed|denied)|had (?:said|claimed|denied|insisted)|earlier|denied)\b/i
const LATER = /\b(later|subsequently|since|revised|admitted|acknowledged|conceded|updated|now says|rose|risen|climbed)\b/i

const CIVILIAN: ReadonlySet<Category> = new Set(['civilians', 'children', 'women'])

/** Collects incident claims one at a time, then reports the disputes among them. */
export class DisputeCollector {
  private readonly incident: number[] = []
  private readonly incidents = new Map<string, number>()
  private readonly claims: DisputeClaim[] = []
  private readonly groups: string[] = []
  /** Where a claim's own words place it in time: -1 "initially", +1 "later", else 0. */
  private readonly rank: number[] = []

  constructor(
    private readonly groupOf: (claimant: string | null) => string,
    private readonly publishedOf: (sourceId: string) => string | null = () => null,
  ) {}

  /** Adds one counting incident-scope claim of incident `key`. */
  add(key: string, c: DisputeClaim): void {
    if (c.measure === 'strikes') return
    let n = this.incidents.get(key)
    if (n === undefined) this.incidents.set(key, (n = this.incidents.size))
    this.incident.push(n)
    // Only the fields disputes need: a stored claim's quote and text are not kept alive.
    this.claims.push({ id: c.id, sourceId: c.sourceId, measure: c.measure, category: c.category, min: c.min, max: c.max, claimant: c.claimant, qualifier: c.qualifier ?? 'exact', zero: c.zero ?? null, span: c.span })
    this.groups.push(c.claimant === null ? `voice:${c.sourceId}` : this.groupOf(c.claimant))
    this.rank.push(c.quote === undefined ? 0 : EARLIER.test(c.quote) ? -1 : LATER.test(c.quote) ? 1 : 0)
  }

  /** Every dispute and revision found, incident by incident. */
  findings(): Finding[] {
    const order = Array.from(this.incident.keys())
    order.sort((a, b) => this.incident[a]! - this.incident[b]! || a - b)
    const out: Finding[] = []
    for (let i = 0; i < order.length; ) {
      let j = i + 1
      while (j < order.length && this.incident[order[j]!] === this.incident[order[i]!]) j++
      if (j - i > 1) this.incidentFindings(order.slice(i, j), out)
      i = j
    }
    return out
  }

  private incidentFindings(rows: readonly number[], out: Finding[]): void {
    const groupOf = joinAcronyms(rows.map((r) => this.groups[r]!), rows.map((r) => this.claims[r]!.claimant))
    const byGroup = new Map<string, number[]>()
    rows.forEach((r, k) => {
      const g = groupOf[k]!
      const l = byGroup.get(g)
      if (l) l.push(r)
      else byGroup.set(g, [r])
    })
    const disputed = new Set<string>()
    const byKey = new Map<string, Map<string, number[]>>()
    for (const [g, list] of byGroup) {
      for (const r of list) {
        const c = this.claims[r]!
        const k = `${c.measure}|${c.category}`
        let m = byKey.get(k)
        if (!m) byKey.set(k, (m = new Map<string, number[]>()))
        const l = m.get(g)
        if (l) l.push(r)
        else m.set(g, [r])
      }
    }
    for (const m of byKey.values()) {
      const groups = [...m.entries()]
      for (const [g, list] of groups) if (!g.startsWith('voice:')) this.revision(list, out)
      for (let a = 0; a < groups.length; a++) {
        for (let b = a + 1; b < groups.length; b++) {
          if (this.figureDispute(groups[a]![1], groups[b]![1], out)) disputed.add(`${groups[a]![0]}|${groups[b]![0]}`).add(`${groups[b]![0]}|${groups[a]![0]}`)
        }
      }
    }
    // A pair of claimants already disputing a figure is one disagreement: no second finding on how they describe the dead.
    if (byGroup.size > 1) this.characterisations(byGroup, disputed, out)
  }

  /** Reports the pair's closest figures when no figure of one overlaps any of the other; true when it did. */
  private figureDispute(a: readonly number[], b: readonly number[], out: Finding[]): boolean {
    let best: [number, number] | null = null
    let gap = Number.POSITIVE_INFINITY
    for (const x of a) {
      for (const y of b) {
        const cx = this.claims[x]!, cy = this.claims[y]!
        if (vague(cx) || vague(cy)) return false
        const g = distance(cx, cy)
        if (g === 0) return false
        if (g < gap) {
          gap = g
          best = [x, y]
        }
      }
    }
    // A zero against civilians is a characterisation dispute, reported once per pair of claimants above.
    if (best === null || this.claims[best[0]]!.zero != null || this.claims[best[1]]!.zero != null) return false
    const [x, y] = best
    const cx = this.claims[x]!, cy = this.claims[y]!
    const [lowC, highC] = hi(cx) < hi(cy) ? [cx, cy] : [cy, cx]
    out.push(finding('figure_dispute', cx.measure, cx.category, [cx, cy],
      `${say(cx)}; ${say(cy)}: accounts of the same strike that cannot both hold`,
      `${hi(lowC)} < ${lo(highC)}`))
    return true
  }

  private revision(list: readonly number[], out: Finding[]): void {
    if (list.length < 2) return
    const sorted = [...list].sort(
      (a, b) => this.when(a).localeCompare(this.when(b)) || this.rank[a]! - this.rank[b]! || (this.claims[a]!.span?.start ?? 0) - (this.claims[b]!.span?.start ?? 0) || a - b,
    )
    const first = this.claims[sorted[0]!]!
    const later = sorted.slice(1).map((r) => this.claims[r]!).find((c) => !vague(c) && !vague(first) && distance(first, c) > 0)
    if (later === undefined) return
    const date = (c: DisputeClaim): string => {
      const d = this.publishedOf(c.sourceId)
      return d === null ? '' : ` (${d})`
    }
    out.push(finding('revision', first.measure, first.category, [first, later],
      `${who(first)} first: ${figure(first)}${date(first)}; later: ${figure(later)}${date(later)}: a revision by the same claimant, not a contradiction`,
      `${figure(first)} → ${figure(later)}`))
  }

  private when(r: number): string {
    return this.publishedOf(this.claims[r]!.sourceId) ?? ''
  }

  /**
   * One characterisation dispute per claimant whose account leaves no room for civilians, naming every other
   * claimant that reports civilians among the dead; and the converse, once per pair not already disputing a figure.
   */
  private characterisations(byGroup: ReadonlyMap<string, readonly number[]>, disputed: ReadonlySet<string>, out: Finding[]): void {
    const groups = [...byGroup.entries()].map(([g, rows]) => ({ g, rows: rows.map((r) => this.claims[r]!).filter((c) => c.measure === 'killed') }))
    for (const { g, rows: A } of groups) {
      const none = A.find((c) => CIVILIAN.has(c.category) && c.max === 0)
      if (none === undefined) continue
      // Each other claimant's largest civilian figure (its headline figure, not a child named among them).
      const somes: DisputeClaim[] = []
      for (const other of groups) {
        if (other.g === g) continue
        const some = other.rows.filter((c) => civiliansWithin(c.category, none.category) && (lo(c) > 0 || c.qualifier === 'vague')).sort((x, y) => lo(y) - lo(x))[0]
        if (some !== undefined) somes.push(some)
      }
      if (somes.length === 0) continue
      const kind = none.zero === 'implied' ? 'whose account of the dead is militants only' : 'who says none'
      // An implied 0 rests on the claimant's own figures of militants: they are part of the evidence.
      const grounds = none.zero === 'implied' ? A.filter((c) => c.category === 'militants' && lo(c) > 0) : []
      const most = Math.max(...somes.map(lo))
      out.push(finding('characterisation_dispute', 'killed', none.category, [none, ...grounds, ...somes],
        `${who(none)}, ${kind}: ${figure(none)}${grounds.length > 0 ? ` (${grounds.map(figure).join(', ')})` : ''}; ${somes.map(say).join('; ')}: ` +
          'one account leaves no room for civilians among the dead, the other reports them',
        `0 < ${most > 0 ? most : 'some'}`))
    }
    // The converse: A's whole account of the dead is civilians (its civilians make up its own total); B reports
    // militants among them.
    for (const { g, rows: A } of groups) {
      const civTotal = Math.max(0, ...A.filter((c) => c.category === 'civilians').map(lo))
      const totals = A.filter((c) => c.category === 'total')
      if (civTotal === 0 || totals.length === 0 || !totals.every((t) => hi(t) <= civTotal) || A.some((c) => c.max === 0)) continue
      const civ = A.find((c) => c.category === 'civilians' && lo(c) === civTotal)!
      for (const other of groups) {
        if (other.g === g || disputed.has(`${g}|${other.g}`) || other.rows.some((c) => CIVILIAN.has(c.category) && c.max === 0)) continue
        const fighters = other.rows.find((c) => c.category === 'militants' && lo(c) > 0)
        if (fighters === undefined) continue
        out.push(finding('characterisation_dispute', 'killed', 'militants', [civ, fighters],
          `${say(civ)}, all of the dead; ${say(fighters)}: the same dead described as civilians by one claimant and as militants by the other`,
          `civilians ${figure(civ)} / militants ${figure(fighters)}`))
      }
    }
  }
}

/** True when a claim of `part` speaks of civilians inside `zeroCat` (a 0 civilians is broken by children too). */
const civiliansWithin = (part: Category, zeroCat: Category): boolean => part === zeroCat || (zeroCat === 'civilians' && CIVILIAN.has(part))

const vague = (c: DisputeClaim): boolean => c.qualifier === 'vague' || (c.min === null && c.max === null)
const lo = (c: DisputeClaim): number => c.min ?? 0
const hi = (c: DisputeClaim): number => c.max ?? Number.POSITIVE_INFINITY

/** How far apart two claims' ranges lie; 0 when they overlap. */
function distance(a: DisputeClaim, b: DisputeClaim): number {
  if (hi(a) < lo(b)) return lo(b) - hi(a)
  if (hi(b) < lo(a)) return lo(a) - hi(b)
  return 0
}

const WORDS: Readonly<Record<Category, string>> = {
  total: 'people', civilians: 'civilians', children: 'children', women: 'women', militants: 'militants', security: 'security forces', unknown: 'people of unknown status', men: 'men',
}

function figure(c: DisputeClaim): string {
  const n = c.min !== null && c.max !== null ? (c.min === c.max ? String(c.min) : `${c.min}–${c.max}`) : c.min !== null ? `at least ${c.min}` : c.max !== null ? `at most ${c.max}` : 'some'
  return `${n} ${WORDS[c.category]} ${c.measure}`
}

const who = (c: DisputeClaim): string => c.claimant ?? 'the source'
const say = (c: DisputeClaim): string => `${who(c)}: ${figure(c)}`

function finding(kind: 'figure_dispute' | 'characterisation_dispute' | 'revision', measure: Measure, category: Category, claims: readonly DisputeClaim[], summary: string, arithmetic: string): Finding {
  const ids: ClaimId[] = claims.map((c) => c.id)
  return { id: findingId(kind, ids), kind, measure, category, claims: ids, claimants: [...new Set(claims.map((c) => c.claimant))], summary, arithmetic }
}

/** "AFRICOM" and "US Africa Command" are one claimant: an acronym made of the starts of another's words. */
function joinAcronyms(groups: readonly string[], names: readonly (string | null)[]): string[] {
  const out = [...groups]
  for (let i = 0; i < names.length; i++) {
    const a = names[i]
    if (a === null || a === undefined || !/^[A-Z][A-Z.]{2,}$/.test(a.trim())) continue
    const letters = a.replace(/\./g, '').toLowerCase()
    for (let j = 0; j < names.length; j++) {
      const b = names[j]
      if (i === j || b === null || b === undefined || out[j] === out[i]) continue
      if (abbreviates(letters, b.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 0))) {
        const from = out[i]!
        for (let k = 0; k < out.length; k++) if (out[k] === from) out[k] = out[j]!
      }
    }
  }
  return out
}

/** True when `letters` is a run of word starts of `words`, in order (some words may be skipped). */
function abbreviates(letters: string, words: readonly string[], w = 0): boolean {
  if (letters === '') return true
  for (let k = w; k < words.length; k++) {
    const word = words[k]!
    for (let n = Math.min(word.length, letters.length); n >= 1; n--) {
      if (letters.startsWith(word.slice(0, n)) && abbreviates(letters.slice(n), words, k + 1)) return true
    }
  }
  return false
}
