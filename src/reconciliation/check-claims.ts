/**
 * @module Consistency checking: every counting claim is an interval constraint over (measure, category, period,
 * region); report contradictions (no assignment satisfies them) and tensions (satisfiable only by implying a figure
 * for an uncovered part of a scope).
 *
 * The rules, in the order they are applied:
 * - An incident-scope claim is evidence about its incident. Claims of one incident (same incidentId; else same
 *   source and eventKey; else the claim alone) give that incident's lower bound: the lowest figure any of them
 *   reports (as in `reconcile`). Incidents are counted once each and summed per scope.
 * - An aggregate claim that states how many strikes it covers (`incidents: N`) is lower-bound evidence for its
 *   scope, never an upper bound: "two attacks in 2012 killed 19" says nothing of other 2012 strikes. When the same
 *   source and claimant also report the single strikes inside that scope, those claims are its breakdown (18 + 1).
 * - Any other aggregate claim bounds its scope on both sides: "67 since 2008" is at least and at most 67; except a
 *   count of strikes with no period, which counts the raid at hand ("the two strikes near the town") and bounds nothing.
 * - Contradiction: lower-bound evidence inside a scope S exceeds an upper bound on S (a part exceeds the whole).
 *   Evidence is the larger of the incidents' sum and the largest single aggregate inside S (they may count the same
 *   deaths, so they are never added). Categories nest: children and women are civilians; all are the total.
 *   The conflicting set is kept small: the single largest piece of evidence when it suffices, else incidents taken
 *   largest first until the sum exceeds the bound. One finding per broken upper bound.
 * - Tension: a lower bound L on a scope strictly containing the scope of an upper bound U, from a different claimant
 *   group, with L > U: both hold only if at least L − U happened in the part of L's scope U does not cover. Per
 *   (L, group of U) only the group's widest covered scope is reported.
 * - Invariants inside one incident: the lowest report of a part (civilians) exceeding the highest report of its
 *   whole (total) is a contradiction.
 */
import { addDays, CATEGORIES, counts, MEASURES, type Category, type Claim, type ClaimId, type Finding, type Measure, type Period } from '../domain/index.js'
import { countryInName, groupOfClaimant } from './claimant-group.js'
import { EvidenceIndex } from './evidence-index.js'
import { countryOfName, gazetteerPlaceRelation, gazetteerRegionOf } from './gazetteer-knowledge.js'
import { findingId } from './finding-id.js'
import { DisputeCollector } from './incident-disputes.js'
import { SUBSET_OF } from './reconcile.js'
import {
  describePeriod,
  describeRegion,
  endOrdinal,
  regionKey,
  sameScope,
  scopeContains,
  scopeOf,
  scopeWidth,
  startOrdinal,
  type RegionOf,
  type RegionPath,
  type Scope,
} from './scope.js'

/** The claim fields checking reads. */
export type CheckClaim = Pick<
  Claim,
  'id' | 'sourceId' | 'status' | 'measure' | 'category' | 'min' | 'max' | 'scope' | 'incidents' | 'period' | 'place' | 'claimant' | 'incidentId' | 'eventKey'
> &
  Partial<Pick<Claim, 'qualifier' | 'zero' | 'span'>>

/** Swappable knowledge: how places nest (default: the gazetteer) and which claimants speak as one. */
export interface CheckOptions {
  readonly regionOf?: RegionOf
  readonly groupOf?: (claimant: string | null) => string
  /** A source's publication date: an aggregate's open end ("since 2008") then ends there, not in the future. */
  readonly publishedOf?: (sourceId: string) => string | null
  /** Leave out the disputes at one incident (figure, characterisation, revision): the checker as it was, for comparison. */
  readonly disputes?: boolean
}

/** Categories whose evidence counts toward an upper bound on a category (itself and its parts), computed once. */
const PARTS: Readonly<Record<Category, readonly Category[]>> = Object.fromEntries(
  CATEGORIES.map((c) => [c, [c, ...CATEGORIES.filter((p) => (SUBSET_OF[p] ?? []).includes(c))]]),
) as unknown as Record<Category, readonly Category[]>
const partsOf = (c: Category): readonly Category[] => PARTS[c]

/** A small integer for (measure, category), so millions of rows need no key strings. */
const keyCode = (m: Measure, c: Category): number => MEASURES.indexOf(m) * 8 + CATEGORIES.indexOf(c)
const measureOf = (code: number): Measure => MEASURES[code >> 3]!
const categoryOf = (code: number): Category => CATEGORIES[code & 7]!

interface Aggregate {
  readonly claim: CheckClaim
  readonly scope: Scope
  readonly group: string
  readonly low: number
  readonly high: number
  /** True for "N strikes killed X": lower-bound evidence only. */
  readonly bundle: boolean
  /** True when the claim bounds its scope from above: any non-bundle, and a bundle covering every strike there. */
  bounds: boolean
  /** Incident rows from the same source and claimant that break a bundle down ("18 + 1"). */
  breakdown: number[]
  value: number
}

/** Columnar incident evidence, one row per (incident, measure, category). */
class IncidentRows {
  readonly start: number[] = []
  readonly end: number[] = []
  readonly low: number[] = []
  readonly high: number[] = []
  readonly lowClaim: ClaimId[] = []
  readonly highClaim: ClaimId[] = []
  readonly highClaimant: (string | null)[] = []
  /** True while the row's highest report is a claim of 0 (a denial): a part above it is a characterisation dispute. */
  readonly highZero: boolean[] = []
  readonly claimant: (string | null)[] = []
  readonly sourceId: string[] = []
  readonly key: number[] = []
  readonly region: RegionPath[] = []
  /** Next row of the same incident (-1 at the end): an incident's rows form a short linked list. */
  readonly next: number[] = []
  // Running state of the reconciled low: the lowest `min` and the lowest "up to" figure seen.
  readonly minOfMins: number[] = []
  readonly minOfMaxOnly: number[] = []
  /** First row of each incident. */
  readonly firstRow = new Map<string, number>()
  /** Every source of a row reported by more than one (rows of one source, nearly all, have no entry). */
  readonly alsoFrom = new Map<number, Set<string>>()
  get count(): number {
    return this.start.length
  }
}

/** Checks all claims and returns contradictions and tensions; rejected claims are ignored. */
export function checkClaims(claims: Iterable<CheckClaim>, options: CheckOptions = {}): Finding[] {
  const checker = new ClaimChecker(options)
  for (const c of claims) checker.add(c)
  return checker.findings()
}

/**
 * The same check fed one claim at a time, for claims that arrive in batches from a store: memory holds one compact
 * row per (incident, measure, category) and one object per aggregate claim, never the claims themselves.
 */
export class ClaimChecker {
  private readonly rows = new IncidentRows()
  private readonly aggregates: Aggregate[] = []
  private readonly regionOf: RegionOf
  private readonly groupOf: (claimant: string | null) => string
  private readonly disputes: DisputeCollector | null

  constructor(private readonly options: CheckOptions = {}) {
    this.regionOf = options.regionOf ?? gazetteerRegionOf
    this.groupOf = options.groupOf ?? ((c: string | null) => groupOfClaimant(c, (name) => countryOfName(name) ?? countryInName(name)))
    this.disputes = options.disputes === false ? null : new DisputeCollector(this.groupOf, options.publishedOf, gazetteerPlaceRelation)
  }

  /** Adds one claim (rejected claims are passed over). */
  add(c: CheckClaim): void {
    if (!counts(c)) return
    if (c.scope !== 'aggregate') {
      addIncidentClaim(this.rows, c, this.regionOf(c.place))
      this.disputes?.add(incidentKeyOf(c), c)
      return
    }
    const bundle = c.incidents !== null && c.incidents > 0
    const low = c.min ?? 0
    const high = c.max ?? Number.POSITIVE_INFINITY
    const publishedOf = this.options.publishedOf
    const period = publishedOf === undefined || c.period.end !== null ? c.period : { ...c.period, end: publishedOf(c.sourceId) }
    const claim = period === c.period ? c : { ...c, period }
    // A count of strikes with no time at all ("the two strikes near Kunyow Barrow") counts the raid at hand: it says
    // nothing of how many strikes there were anywhere, ever, so it bounds no scope from above.
    const bounds = !bundle && !(c.measure === 'strikes' && c.period.start === null && c.period.end === null)
    this.aggregates.push({ claim, scope: scopeOf(period, c.place, this.regionOf), group: this.groupOf(c.claimant), low, high, bundle, bounds, breakdown: [], value: low })
  }

  /** Runs the check over every claim added; call it once. */
  findings(): Finding[] {
    const { rows, aggregates } = this
    finishRows(rows)
    markCoveringBundles(aggregates)
    const index = EvidenceIndex.build(rows, rows.count, (i) => rows.key[i]!, (i) => rows.region[i]!)
    attachBreakdowns(aggregates, rows)
    // concat, not push(...xs): a large store can have more findings than a call's argument limit.
    return contradictions(aggregates, rows, index).concat(tensions(aggregates), incidentInvariants(rows), this.disputes?.findings() ?? [])
  }
}

/**
 * A bundle ("in 59 strikes, no civilian deaths") bounds its scope from above when the same claimant also says
 * those are all the strikes there were in that scope (an exact or "at most" count of strikes no larger than N).
 */
function markCoveringBundles(aggregates: readonly Aggregate[]): void {
  const scopeKey = (a: Aggregate): string => `${a.claim.claimant ?? ''}|${a.scope.start}|${a.scope.end}|${a.scope.region.join('/')}`
  const strikeCounts = new Map<string, number>()
  for (const a of aggregates) {
    if (a.bundle || a.claim.measure !== 'strikes' || a.claim.category !== 'total' || !Number.isFinite(a.high)) continue
    const k = scopeKey(a)
    strikeCounts.set(k, Math.min(strikeCounts.get(k) ?? Number.POSITIVE_INFINITY, a.high))
  }
  if (strikeCounts.size === 0) return
  for (const a of aggregates) {
    if (!a.bundle) continue
    const count = strikeCounts.get(scopeKey(a))
    if (count !== undefined && count <= (a.claim.incidents ?? 0)) a.bounds = true
  }
}

// Claim ids and incident ids have different prefixes, so a lone claim's id is a safe incident key.
const incidentKeyOf = (c: CheckClaim): string => c.incidentId ?? (c.eventKey !== null ? `${c.sourceId}#${c.eventKey}` : c.id)

function addIncidentClaim(rows: IncidentRows, c: CheckClaim, region: RegionPath): void {
  const incident = incidentKeyOf(c)
  const key = keyCode(c.measure, c.category)
  const s = startOrdinal(c.period), e = endOrdinal(c.period)
  const high = c.max ?? (c.min ?? Number.POSITIVE_INFINITY)
  const first = rows.firstRow.get(incident)
  let i = rowOf(rows, first, key)
  if (i === undefined) {
    i = rows.count
    rows.next.push(first ?? -1)
    rows.firstRow.set(incident, i)
    rows.start.push(s)
    rows.end.push(e)
    rows.low.push(0)
    rows.high.push(-1)
    rows.lowClaim.push(c.id)
    rows.highClaim.push(c.id)
    rows.highClaimant.push(c.claimant)
    rows.highZero.push(false)
    rows.claimant.push(c.claimant)
    rows.sourceId.push(c.sourceId)
    rows.key.push(key)
    rows.region.push(region)
    rows.minOfMins.push(Number.POSITIVE_INFINITY)
    rows.minOfMaxOnly.push(Number.POSITIVE_INFINITY)
  } else {
    // Claims disagreeing on date or place: the incident lies somewhere in the envelope, and in the common region.
    rows.start[i] = Math.min(rows.start[i]!, s)
    rows.end[i] = Math.max(rows.end[i]!, e)
    const r = rows.region[i]!
    if (r !== region) rows.region[i] = commonRegion(r, region)
  }
  if (rows.sourceId[i] !== c.sourceId) {
    // Every source of the row, the one it names now included (a later claim may replace that one below).
    const also = rows.alsoFrom.get(i) ?? new Set<string>()
    also.add(rows.sourceId[i]!)
    also.add(c.sourceId)
    rows.alsoFrom.set(i, also)
  }
  const reported = c.min ?? c.max
  if (c.min !== null) {
    if (c.min < rows.minOfMins[i]!) rows.minOfMins[i] = c.min
  } else if (c.max !== null && c.max < rows.minOfMaxOnly[i]!) {
    rows.minOfMaxOnly[i] = c.max
  }
  // The claim reporting the smallest figure sets the low (and is the one quoted in findings).
  const cur = Math.min(rows.minOfMins[i]!, rows.minOfMaxOnly[i]!)
  if (reported !== null && reported <= cur) {
    rows.lowClaim[i] = c.id
    rows.claimant[i] = c.claimant
    rows.sourceId[i] = c.sourceId
  }
  if (high > rows.high[i]!) {
    rows.high[i] = high
    rows.highClaim[i] = c.id
    rows.highClaimant[i] = c.claimant
    rows.highZero[i] = c.zero != null
  }
}

function rowOf(rows: IncidentRows, first: number | undefined, key: number): number | undefined {
  for (let j = first ?? -1; j !== -1; j = rows.next[j]!) if (rows.key[j] === key) return j
  return undefined
}

function finishRows(rows: IncidentRows): void {
  for (let i = 0; i < rows.count; i++) {
    const mins = rows.minOfMins[i]!
    // As in reconcile: "up to" figures lower the low only when some claim bounds it from below.
    rows.low[i] = Number.isFinite(mins) ? Math.min(mins, rows.minOfMaxOnly[i]!) : 0
  }
}

function commonRegion(a: RegionPath, b: RegionPath): RegionPath {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return a.slice(0, n)
}

function attachBreakdowns(aggregates: Aggregate[], rows: IncidentRows): void {
  const bundles = aggregates.filter((a) => a.bundle)
  if (bundles.length === 0) return
  const bySource = new Map<string, Aggregate[]>()
  for (const a of bundles) {
    const l = bySource.get(a.claim.sourceId)
    if (l) l.push(a)
    else bySource.set(a.claim.sourceId, [a])
  }
  for (let i = 0; i < rows.count; i++) {
    // A strike reported by several sources (two copies of one article) breaks down the bundle of each of them.
    const also = rows.alsoFrom.get(i)
    const list = also === undefined ? bySource.get(rows.sourceId[i]!) : [...also].flatMap((sid) => bySource.get(sid) ?? [])
    if (!list) continue
    for (const a of list) {
      if (rows.key[i] !== keyCode(a.claim.measure, a.claim.category) || rows.claimant[i] !== a.claim.claimant) continue
      if (!scopeContains(a.scope, { start: rows.start[i]!, end: rows.end[i]!, region: rows.region[i]! })) continue
      a.breakdown.push(i)
    }
  }
  for (const a of bundles) {
    // A breakdown must fit the bundle: no more strikes than it states.
    if (a.breakdown.length > (a.claim.incidents ?? 0)) a.breakdown = []
    const sum = a.breakdown.reduce((t, i) => t + rows.low[i]!, 0)
    a.value = Math.max(a.low, sum)
  }
}

/** One piece of evidence in a finding: an aggregate (with its breakdown) or one incident row. */
type Unit = { kind: 'aggregate'; agg: Aggregate; value: number } | { kind: 'incident'; row: number; value: number }

function contradictions(aggregates: readonly Aggregate[], rows: IncidentRows, index: EvidenceIndex): Finding[] {
  const out: Finding[] = []
  // Lower-bound evidence filed under (measure, category) and every level of its region, largest first: the scan
  // for "some aggregate inside U's scope exceeds U" looks only where such an aggregate can be, and stops early.
  const evidence = bucketAggregates(aggregates.filter((a) => a.value > 0), (x, y) => y.value - x.value)

  for (const u of aggregates) {
    if (!u.bounds || !Number.isFinite(u.high)) continue
    const { measure, category } = u.claim
    const cats = partsOf(category)
    let best: Unit | null = null
    for (const c of cats) {
      for (const a of evidence.get(keyCode(measure, c))?.get(regionKey(u.scope.region)) ?? []) {
        if (a.value <= u.high || (best !== null && a.value <= best.value)) break
        if (a === u || !scopeContains(u.scope, a.scope)) continue
        best = { kind: 'aggregate', agg: a, value: a.value }
        break
      }
    }
    let bestCat: Category | null = null
    let bestSum = 0
    for (const c of cats) {
      const s = index.sum(keyCode(measure, c), u.scope)
      if (s > bestSum) {
        bestSum = s
        bestCat = c
      }
    }
    if ((best === null || best.value <= u.high) && bestSum <= u.high) continue

    let units: Unit[]
    if (bestCat !== null && bestSum > u.high) {
      const found = index.within(keyCode(measure, bestCat), u.scope).map((row): Unit => ({ kind: 'incident', row, value: rows.low[row]! }))
      found.sort((x, y) => y.value - x.value)
      const picked: Unit[] = []
      let total = 0
      for (const f of found) {
        picked.push(f)
        total += f.value
        if (total > u.high) break
      }
      units = best !== null && (picked.length > 1 || best.value >= total) ? [best] : picked
    } else {
      units = [best!]
    }
    out.push(contradictionFinding(u, units, rows))
  }
  return out
}

const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  total: 'people',
  civilians: 'civilians',
  children: 'children',
  women: 'women',
  militants: 'militants',
  security: 'security forces',
  unknown: 'people of unknown status',
  men: 'men',
}

/** "19 civilians killed", "59 strikes", "3 children injured". */
function what(n: string, measure: Measure, category: Category): string {
  if (measure === 'strikes') return `${n} strikes`
  return `${n} ${CATEGORY_WORDS[category]} ${measure}`
}

function bounds(low: number, high: number): string {
  if (!Number.isFinite(high)) return `at least ${low}`
  if (low === 0 && high > 0) return `at most ${high}`
  return low === high ? String(low) : `${low}–${high}`
}

const who = (claimant: string | null): string => claimant ?? 'the source'

function scopeWords(c: CheckClaim, scope: Scope): string {
  const region = scope.region.length === 0 ? '' : ` (${describeRegion(scope.region)})`
  return `${describePeriod(c.period)}${region}`
}

function contradictionFinding(u: Aggregate, units: readonly Unit[], rows: IncidentRows): Finding {
  const { measure, category } = u.claim
  const ids: ClaimId[] = [u.claim.id]
  const claimants: (string | null)[] = [u.claim.claimant]
  const parts: string[] = []
  const terms: number[] = []
  const single = units.length === 1 ? units[0] : undefined
  if (single?.kind === 'aggregate') {
    const a = single.agg
    ids.push(a.claim.id)
    claimants.push(a.claim.claimant)
    const n = a.claim.incidents
    const inStrikes = n !== null ? ` in ${n} strike${n === 1 ? '' : 's'}` : ''
    let figure = a.claim.max === null ? `at least ${a.low}` : String(a.low)
    if (a.breakdown.length > 1) {
      const values = a.breakdown.map((i) => rows.low[i]!)
      for (const i of a.breakdown) ids.push(rows.lowClaim[i]!)
      figure = `${values.join(' + ')} = ${a.value}`
      terms.push(...values)
    } else {
      terms.push(a.value)
    }
    parts.push(`${who(a.claim.claimant)}: ${what(figure, measure, a.claim.category)}${inStrikes} ${scopeWords(a.claim, a.scope)}`)
  } else {
    // Group incident evidence by claimant so the sentence reads "Amnesty International: 18 + 1 = 19 civilians killed".
    const byClaimant = new Map<string | null, number[]>()
    for (const unit of units) {
      if (unit.kind !== 'incident') continue
      ids.push(rows.lowClaim[unit.row]!)
      const l = byClaimant.get(rows.claimant[unit.row]!)
      if (l) l.push(unit.row)
      else byClaimant.set(rows.claimant[unit.row]!, [unit.row])
    }
    for (const [claimant, list] of byClaimant) {
      claimants.push(claimant)
      const values = list.map((i) => rows.low[i]!)
      terms.push(...values)
      const sum = values.reduce((t, v) => t + v, 0)
      const figure = values.length > 1 ? `${values.join(' + ')} = ${sum}` : String(sum)
      const cat = categoryOf(rows.key[list[0]!]!)
      parts.push(`${who(claimant)}: ${what(figure, measure, cat)} in ${list.length} strike${list.length === 1 ? '' : 's'}`)
    }
  }
  const total = terms.reduce((t, v) => t + v, 0)
  const shown = single?.kind === 'aggregate' ? single.value : total
  const lhs = terms.length > 1 ? `${terms.join(' + ')} = ${shown}` : String(shown)
  const head = `${who(u.claim.claimant)}: ${what(bounds(u.low, u.high), measure, category)}, ${scopeWords(u.claim, u.scope)}`
  return {
    id: findingId('contradiction', ids),
    kind: 'contradiction',
    measure,
    category,
    claims: ids,
    claimants: [...new Set(claimants)],
    summary: `${head}; ${parts.join('; ')}`,
    arithmetic: `${lhs} > ${u.high}`,
  }
}

/** Files aggregates under their (measure, category) code and every level of their region path, each list sorted. */
function bucketAggregates(list: readonly Aggregate[], order: (x: Aggregate, y: Aggregate) => number): Map<number, Map<string, Aggregate[]>> {
  const out = new Map<number, Map<string, Aggregate[]>>()
  for (const a of list) {
    const code = keyCode(a.claim.measure, a.claim.category)
    let byRegion = out.get(code)
    if (!byRegion) out.set(code, (byRegion = new Map<string, Aggregate[]>()))
    for (let level = 0; level <= a.scope.region.length; level++) {
      const rk = level === 0 ? '*' : a.scope.region[level - 1]!
      const l = byRegion.get(rk)
      if (l) l.push(a)
      else byRegion.set(rk, [a])
    }
  }
  for (const byRegion of out.values()) for (const l of byRegion.values()) l.sort(order)
  return out
}

function tensions(aggregates: readonly Aggregate[]): Finding[] {
  // Upper bounds by (measure, category, region level), smallest first: L needs only those inside its region whose
  // category contains L's, and only while their figure is below L's.
  const upper = bucketAggregates(
    aggregates.filter((a) => a.bounds && Number.isFinite(a.high)),
    (x, y) => x.high - y.high,
  )
  const out: Finding[] = []
  for (const l of aggregates) {
    if (l.value <= 0) continue
    const { measure, category } = l.claim
    // Per group of U: the widest covered scope (then the smaller figure).
    const chosen = new Map<string, Aggregate>()
    for (const c of [category, ...(SUBSET_OF[category] ?? [])]) {
      for (const u of upper.get(keyCode(measure, c))?.get(regionKey(l.scope.region)) ?? []) {
        if (u.high >= l.value) break
        if (u === l || u.group === l.group) continue
        if (!scopeContains(l.scope, u.scope) || sameScope(l.scope, u.scope)) continue
        const prev = chosen.get(u.group)
        if (!prev || scopeWidth(u.scope) > scopeWidth(prev.scope)) chosen.set(u.group, u)
      }
    }
    for (const u of chosen.values()) out.push(tensionFinding(l, u))
  }
  return out
}

function tensionFinding(l: Aggregate, u: Aggregate): Finding {
  const { measure } = l.claim
  const category = l.claim.category
  const implied = l.value - u.high
  const uncovered = uncoveredPeriod(l.claim.period, u.claim.period)
  const regionOutside = u.scope.region.length > l.scope.region.length
  // The uncovered part is a union: earlier or later days anywhere, or any day outside U's region.
  const where = [uncovered.words, regionOutside ? `outside ${describeRegion(u.scope.region)}` : ''].filter((s) => s !== '').join(' or ')
  const ids = [u.claim.id, l.claim.id]
  const lFigure = l.claim.max === null ? `at least ${l.value}` : String(l.value)
  return {
    id: findingId('tension', ids),
    kind: 'tension',
    measure,
    category,
    claims: ids,
    claimants: [...new Set([u.claim.claimant, l.claim.claimant])],
    summary:
      `${who(u.claim.claimant)}: ${what(bounds(u.low, u.high), measure, u.claim.category)} ${scopeWords(u.claim, u.scope)}; ` +
      `${who(l.claim.claimant)}: ${what(lFigure, measure, category)} ${scopeWords(l.claim, l.scope)}; ` +
      `together they imply at least ${implied} ${what('', measure, category).trim()} ${where}`,
    arithmetic: `${l.value} − ${u.high} = ${implied}`,
    implied: {
      range: { min: implied, max: null },
      period: uncovered.period,
      region: regionOutside ? `outside ${describeRegion(u.scope.region)} within ${describeRegion(l.scope.region)}` : l.scope.region.length === 0 ? null : describeRegion(l.scope.region),
    },
  }
}

/** The part of `outer` that `inner` leaves uncovered, in words, and as one period when it is one piece. */
function uncoveredPeriod(outer: Period, inner: Period): { words: string; period: Period | null } {
  const before = inner.start !== null && (outer.start === null || outer.start < inner.start)
  const after = inner.end !== null && (outer.end === null || inner.end < outer.end)
  if (before && !after) {
    const p: Period = { start: outer.start, end: addDays(inner.start, -1), precision: null }
    return { words: describePeriod(p), period: p }
  }
  if (after && !before) {
    const p: Period = { start: addDays(inner.end, 1), end: outer.end, precision: null }
    return { words: describePeriod(p), period: p }
  }
  if (before && after) return { words: `outside ${describePeriod(inner).replace(/^in /, '')}`, period: null }
  return { words: '', period: null }
}

function incidentInvariants(rows: IncidentRows): Finding[] {
  const out: Finding[] = []
  for (const head of rows.firstRow.values()) {
    if (rows.next[head] === -1) continue
    for (let i = head; i !== -1; i = rows.next[i]!) {
      const code = rows.key[i]!
      const measure = measureOf(code), part = categoryOf(code)
      const wholes = SUBSET_OF[part]
      if (!wholes || rows.low[i]! <= 0) continue
      for (const whole of wholes) {
        const j = rowOf(rows, head, keyCode(measure, whole))
        if (j === undefined || rows.low[i]! <= rows.high[j]! || rows.highZero[j]!) continue
        const ids = [rows.lowClaim[i]!, rows.highClaim[j]!]
        out.push({
          id: findingId('contradiction', ids),
          kind: 'contradiction',
          measure,
          category: part,
          claims: ids,
          claimants: [...new Set([rows.claimant[i]!, rows.highClaimant[j]!])],
          summary: `${who(rows.claimant[i]!)}: ${what(String(rows.low[i]), measure, part)} in one strike; its highest report of ${what(String(rows.high[j]), measure, whole)} is smaller, and ${CATEGORY_WORDS[part]} are part of ${CATEGORY_WORDS[whole]}`,
          arithmetic: `${rows.low[i]} > ${rows.high[j]}`,
        })
        break
      }
    }
  }
  return out
}
