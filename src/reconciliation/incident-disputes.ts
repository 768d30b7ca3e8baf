/**
 * @module Disputes at one strike: the claimants of one incident set side by side.
 *
 * Claims of one incident (its incidentId; else one source's eventKey) are grouped by claimant, a claimant being its
 * group (`groupOfClaimant`: a state's organs speak as one) with acronyms joined to the names they abbreviate
 * ("AFRICOM" is "US Africa Command"), and a document's own voice being its source's. Then, per (measure, category):
 * - figure dispute: claimants whose figures cannot both hold: no figure of one overlaps any figure of the other
 *   ("between 24 and 30" against "14"; "at least 8" against "5"). One finding per (measure, category) names every
 *   claimant in such a pair, so three tolls of one strike are one work item, not three. A claimant that gives only
 *   parts ("14 militants and 41 residents") stands for a whole of at least their sum in one source. Overlapping
 *   ranges, and one claimant restating itself, give none; copies of one report are one claimant saying the same thing;
 * - characterisation dispute: one claimant's account leaves no room for civilians (an explicit or implied 0)
 *   while another reports civilians (or children, or women) among the dead; or the converse: one claimant's whole
 *   account of the dead is civilians while another reports militants among them. One per pair of claimants;
 * - revision: one claimant whose own figures cannot all hold changes its figure over time (an initial denial,
 *   then an admission); ordered by publication date, then by position in the text, and reported as a revision,
 *   never as a contradiction. A document's own voice is not a claimant revising itself, and two figures of one
 *   sentence are one statement (its parts, or its places), never a revision;
 * - place and date conflicts: two claims of the strike whose places (finer than a country) or dates cannot both
 *   hold (`incidentSetting`), at most one of each per incident.
 * Memory is one compact row per claim; incidents are visited once, sorted.
 */
import type { Category, Claim, ClaimId, Finding, Measure, Period } from '../domain/index.js'
import { findingId } from './finding-id.js'
import { incidentSetting } from './incident-setting.js'
import type { PlaceRelation } from './place-relation.js'

/** The claim fields dispute checking reads. */
export type DisputeClaim = Pick<Claim, 'id' | 'sourceId' | 'measure' | 'category' | 'min' | 'max' | 'claimant'> &
  Partial<Pick<Claim, 'qualifier' | 'zero' | 'span' | 'quote' | 'period' | 'place'>>

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
    private readonly placeRelation?: PlaceRelation,
  ) {}

  /** Adds one counting incident-scope claim of incident `key`. */
  add(key: string, c: DisputeClaim): void {
    if (c.measure === 'strikes') return
    let n = this.incidents.get(key)
    if (n === undefined) this.incidents.set(key, (n = this.incidents.size))
    this.incident.push(n)
    // Only the fields disputes need: a stored claim's quote and text are not kept alive.
    // A period or place stays only when it says something: most claims of a store have neither beyond the country.
    const period = c.period !== undefined && c.period.start !== null && c.period.end !== null ? c.period : undefined
    this.claims.push({ id: c.id, sourceId: c.sourceId, measure: c.measure, category: c.category, min: c.min, max: c.max, claimant: c.claimant, qualifier: c.qualifier ?? 'exact', zero: c.zero ?? null, span: c.span, period, place: c.place ?? null })
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
    this.settingConflicts(rows, out)
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
    const wholes = this.wholesFromParts(byGroup)
    for (const k of wholes.keys()) if (!byKey.has(k)) byKey.set(k, new Map())
    for (const [k, m] of byKey) {
      for (const [g, list] of m) if (!g.startsWith('voice:')) this.revision(list, out)
      const implied = wholes.get(k)
      if (m.size + (implied?.size ?? 0) < 2) continue
      // Accounts are built only where two claimants meet: most (measure, category) keys of a strike have one.
      const groups = new Map<string, Account[]>()
      for (const [g, list] of m) groups.set(g, list.map((r) => ({ row: r, min: this.claims[r]!.min, max: this.claims[r]!.max, claims: [this.claims[r]!] })))
      for (const [g, account] of implied ?? []) if (!groups.has(g)) groups.set(g, [account])
      for (const [a, b] of this.figureDispute([...groups.entries()], out)) disputed.add(`${a}|${b}`).add(`${b}|${a}`)
    }
    // A pair of claimants already disputing a figure is one disagreement: no second finding on how they describe the dead.
    if (byGroup.size > 1) this.characterisations(byGroup, disputed, out)
  }

  /** A place conflict and a date conflict (one each at most): two claims of the strike that put it in places or on dates that cannot both hold. */
  private settingConflicts(rows: readonly number[], out: Finding[]): void {
    // Nearly every incident has one date and one place among its claims: those are answered without the full setting.
    let latestStart = '', earliestEnd = '\uffff'
    let finer: DisputeClaim['place'] = null
    let places = false
    for (const r of rows) {
      const c = this.claims[r]!
      if (c.period !== undefined) {
        if (c.period.start! > latestStart) latestStart = c.period.start!
        if (c.period.end! < earliestEnd) earliestEnd = c.period.end!
      }
      const p = c.place
      if (p == null || p.precision === 'country' || p.precision === 'unknown') continue
      if (finer == null) finer = p
      else if (p !== finer && (p.country !== finer.country || p.admin1 !== finer.admin1 || p.name !== finer.name)) places = true
    }
    if (!places && latestStart <= earliestEnd) return
    const claims = rows.map((r) => this.claims[r]!)
    const setting = incidentSetting(
      claims.map((c) => ({ id: c.id, period: c.period ?? NO_PERIOD, place: c.place ?? null })),
      this.placeRelation,
    )
    const byId = (id: ClaimId): DisputeClaim => claims.find((c) => c.id === id)!
    if (setting.placeConflict !== null) {
      const [a, b] = setting.placeConflict.map(byId) as [DisputeClaim, DisputeClaim]
      out.push(finding('place_conflict', a.measure, a.category, [a, b],
        `${who(a)}: ${placeWords(a)}; ${who(b)}: ${placeWords(b)}: places of the same strike that cannot both hold`,
        `${placeWords(a)} ≠ ${placeWords(b)}`))
    }
    if (setting.dateConflict !== null) {
      const [a, b] = setting.dateConflict.map(byId) as [DisputeClaim, DisputeClaim]
      out.push(finding('date_conflict', a.measure, a.category, [a, b],
        `${who(a)}: ${dateWords(a.period!)}; ${who(b)}: ${dateWords(b.period!)}: dates of the same strike that cannot both hold`,
        `${a.period!.end} < ${b.period!.start}`))
    }
  }

  /**
   * The whole each claimant's own breakdown implies when it gives no whole itself: at least its largest part, and at
   * least the sum of its disjoint parts given in one source ("14 militants and 41 residents" is at least 55 dead).
   * Left out where the lowest report of a part already exceeds every report of the whole: that is a contradiction
   * of the incident's own figures, reported once by the checker.
   */
  private wholesFromParts(byGroup: ReadonlyMap<string, readonly number[]>): Map<string, Map<string, Account>> {
    const out = new Map<string, Map<string, Account>>()
    if (byGroup.size < 2) return out
    // A whole implied by parts can only clash with another claimant's whole below the parts' sum: when every sum of a
    // claimant's parts (an upper estimate of what it implies) is within the smallest whole reported, there is nothing
    // to build. Most strikes end here.
    const smallestWhole = new Map<Measure, number>()
    for (const rows of byGroup.values()) {
      for (const r of rows) {
        const c = this.claims[r]!
        if (c.category === 'total') smallestWhole.set(c.measure, Math.min(smallestWhole.get(c.measure) ?? Number.POSITIVE_INFINITY, hi(c)))
      }
    }
    if (smallestWhole.size === 0) return out
    let clash = false
    for (const rows of byGroup.values()) {
      const sums = new Map<Measure, number>()
      for (const r of rows) {
        const c = this.claims[r]!
        sums.set(c.measure, c.category === 'total' ? Number.NEGATIVE_INFINITY : (sums.get(c.measure) ?? 0) + lo(c))
      }
      for (const [m, sum] of sums) if (sum > (smallestWhole.get(m) ?? Number.POSITIVE_INFINITY)) clash = true
    }
    if (!clash) return out
    const all = [...byGroup.values()].flat().map((r) => this.claims[r]!)
    for (const measure of new Set(all.map((c) => c.measure))) {
      const ofMeasure = all.filter((c) => c.measure === measure)
      if (!ofMeasure.some((c) => c.category === 'total')) continue
      const wholeHigh = Math.max(...ofMeasure.filter((c) => c.category === 'total').map(hi))
      const partLow = Math.min(...ofMeasure.filter((c) => c.category !== 'total').map((c) => (c.min === null && c.max !== null ? c.max : lo(c))))
      if (partLow > wholeHigh) continue
      const wholes = new Map<string, Account>()
      for (const [g, rows] of byGroup) {
        const own = rows.map((r) => this.claims[r]!).filter((c) => c.measure === measure)
        if (own.some((c) => c.category === 'total') || own.some(vague)) continue
        let best: { min: number; claims: DisputeClaim[] } | null = null
        for (const source of new Set(own.map((c) => c.sourceId))) {
          const parts = own.filter((c) => c.sourceId === source && lo(c) > 0)
          const largest = parts.reduce<DisputeClaim | null>((x, c) => (x === null || lo(c) > lo(x) ? c : x), null)
          if (largest === null) continue
          const sum = disjointParts(parts)
          const pick = sum.min > lo(largest) ? sum : { min: lo(largest), claims: [largest] }
          if (best === null || pick.min > best.min) best = pick
        }
        if (best !== null) wholes.set(g, { row: -1, min: best.min, max: null, claims: best.claims })
      }
      if (wholes.size > 0) out.set(`${measure}|total`, wholes)
    }
    return out
  }

  /**
   * One figure dispute per (measure, category) of the incident: every claimant whose figures cannot hold together
   * with another's, each quoted by its figure closest to the other side, with the arithmetic of each pair. Returns
   * the pairs of claimant groups that dispute.
   */
  private figureDispute(groups: readonly (readonly [string, readonly Account[]])[], out: Finding[]): [string, string][] {
    const pairs: { a: string; b: string; x: Account; y: Account }[] = []
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const best = closestApart(groups[i]![1], groups[j]![1])
        // A zero against civilians is a characterisation dispute, reported once per pair of claimants below.
        if (best === null || best[0].claims.some((c) => c.zero != null) || best[1].claims.some((c) => c.zero != null)) continue
        pairs.push({ a: groups[i]![0], b: groups[j]![0], x: best[0], y: best[1] })
      }
    }
    if (pairs.length === 0) return []
    const cited: Account[] = []
    for (const { x, y } of pairs) for (const acc of [x, y]) if (!cited.includes(acc)) cited.push(acc)
    const claims = [...new Set(cited.flatMap((acc) => acc.claims))]
    const first = pairs[0]!.x.claims[0]!
    const category = pairs[0]!.x.row >= 0 ? first.category : 'total'
    const arithmetic = pairs.map(({ x, y }) => {
      const [low, high] = hiOf(x) < hiOf(y) ? [x, y] : [y, x]
      return `${hiOf(low)} < ${high.row >= 0 ? String(loOf(high)) : partsSum(high)}`
    })
    const both = pairs.length === 1 ? 'both' : 'all'
    out.push(finding('figure_dispute', first.measure, category, claims,
      `${cited.map((acc) => sayAccount(acc, category)).join('; ')}: accounts of the same strike that cannot ${both} hold`,
      [...new Set(arithmetic)].join('; ')))
    return pairs.map(({ a, b }) => [a, b])
  }

  private revision(list: readonly number[], out: Finding[]): void {
    if (list.length < 2) return
    const sorted = [...list].sort(
      (a, b) => this.when(a).localeCompare(this.when(b)) || this.rank[a]! - this.rank[b]! || (this.claims[a]!.span?.start ?? 0) - (this.claims[b]!.span?.start ?? 0) || a - b,
    )
    const first = this.claims[sorted[0]!]!
    const later = sorted.slice(1).map((r) => this.claims[r]!).find((c) => !vague(c) && !vague(first) && distance(first, c) > 0 && !oneStatement(first, c))
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

/**
 * True for two figures of one sentence: one statement, never a revision ("ten were killed at once and five died
 * later" gives its parts, "two died in one village and one in another" its places).
 */
const oneStatement = (a: DisputeClaim, b: DisputeClaim): boolean =>
  a.sourceId === b.sourceId && a.span !== undefined && b.span !== undefined && a.span.start < b.span.end && b.span.start < a.span.end

/** How far apart two claims' ranges lie; 0 when they overlap. */
function distance(a: DisputeClaim, b: DisputeClaim): number {
  if (hi(a) < lo(b)) return lo(b) - hi(a)
  if (hi(b) < lo(a)) return lo(a) - hi(b)
  return 0
}

/**
 * One claimant's figure for a (measure, category): a claim of it (`row` its index), or the whole its own parts imply
 * (`row` -1, open above, `claims` the parts).
 */
interface Account {
  readonly row: number
  readonly min: number | null
  readonly max: number | null
  readonly claims: readonly DisputeClaim[]
}

const loOf = (a: Account): number => a.min ?? 0
const hiOf = (a: Account): number => a.max ?? Number.POSITIVE_INFINITY

/** The two accounts, one of each side, that lie closest when no account of one overlaps any of the other; else null. */
function closestApart(a: readonly Account[], b: readonly Account[]): [Account, Account] | null {
  let best: [Account, Account] | null = null
  let gap = Number.POSITIVE_INFINITY
  for (const x of a) {
    for (const y of b) {
      if (x.claims.some(vague) || y.claims.some(vague)) return null
      const g = hiOf(x) < loOf(y) ? loOf(y) - hiOf(x) : hiOf(y) < loOf(x) ? loOf(x) - hiOf(y) : 0
      if (g === 0) return null
      if (g < gap) {
        gap = g
        best = [x, y]
      }
    }
  }
  return best
}

/** Parts that never count the same dead twice: civilians (or children and women), militants, security forces. */
function disjointParts(parts: readonly DisputeClaim[]): { min: number; claims: DisputeClaim[] } {
  const largest = (cat: Category): DisputeClaim | undefined => parts.filter((c) => c.category === cat).sort((x, y) => lo(y) - lo(x))[0]
  const civ = largest('civilians')
  const kids = largest('children'), women = largest('women')
  const civParts = [kids, women].filter((c): c is DisputeClaim => c !== undefined)
  const civilians = civ !== undefined && lo(civ) >= civParts.reduce((t, c) => t + lo(c), 0) ? [civ] : civParts
  const claims = [...civilians, ...(['militants', 'security'] as const).map(largest).filter((c): c is DisputeClaim => c !== undefined)]
  return { min: claims.reduce((t, c) => t + lo(c), 0), claims }
}

const partsSum = (a: Account): string => (a.claims.length > 1 ? `${a.claims.map(lo).join(' + ')} = ${loOf(a)}` : String(loOf(a)))

function sayAccount(a: Account, category: Category): string {
  if (a.row >= 0) return say(a.claims[0]!)
  return `${who(a.claims[0]!)}: ${a.claims.map(figure).join(' and ')}, so at least ${loOf(a)} ${WORDS[category]} ${a.claims[0]!.measure}`
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

const NO_PERIOD: Period = { start: null, end: null, precision: null }

const placeWords = (c: DisputeClaim): string => [c.place?.name, c.place?.admin1, c.place?.country].filter((x) => x !== null && x !== undefined).filter((x, i, all) => all.indexOf(x) === i).join(', ')
const dateWords = (p: Period): string => (p.start === p.end ? p.start! : `${p.start}–${p.end}`)

function finding(kind: 'figure_dispute' | 'characterisation_dispute' | 'revision' | 'place_conflict' | 'date_conflict', measure: Measure, category: Category, claims: readonly DisputeClaim[], summary: string, arithmetic: string): Finding {
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
