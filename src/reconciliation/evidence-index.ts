/**
 * @module The incident evidence index: per (measure, category, region), incidents sorted by date with prefix sums
 * of their lower bounds, so "how many at least, inside this scope" costs O(log n) instead of a scan.
 *
 * Each incident is filed under every level of its region path (everywhere, country, area), so a scope's region
 * selects one bucket. Incidents whose dates are open or span more than about two months go to a small "wide" list
 * per bucket that is scanned, because the prefix sums index by start date and must subtract the few incidents that
 * start inside a scope but end after it.
 */
import { regionKey, type RegionPath, type Scope } from './scope.js'

/** Incidents longer than this (in day ordinals, about 31 per month) are scanned instead of indexed. */
const MAX_INDEXED_SPAN = 64

/** Read access to the incidents the index was built over. */
export interface IncidentTable {
  readonly start: readonly number[]
  readonly end: readonly number[]
  readonly low: readonly number[]
}

interface Bucket {
  ids: Int32Array
  starts: Float64Array
  ends: Float64Array
  prefix: Float64Array
  maxSpan: number
  wide: number[]
}

/** Sorted-by-date buckets of incident lower bounds with prefix sums. */
export class EvidenceIndex {
  /** Buckets by (measure, category) code, then by region key. */
  private readonly buckets = new Map<number, Map<string, Bucket>>()

  private constructor(private readonly table: IncidentTable) {}

  /** Builds the index; `keyOf(i)` gives incident i's (measure, category) code and `regionOf(i)` its region path. */
  static build(table: IncidentTable, count: number, keyOf: (i: number) => number, regionOf: (i: number) => RegionPath): EvidenceIndex {
    const index = new EvidenceIndex(table)
    // One global sort by start date; filing in that order leaves every bucket sorted (cheaper than sorting each).
    // Rows are packed as start·2^k + row (2^k > rows) into one Float64Array, so the sort is the engine's native
    // numeric sort; day ordinals stay below 2²¹, so the packed values stay exact doubles up to 2³¹ rows.
    const ROW_SPACE = 2 ** Math.ceil(Math.log2(count + 1))
    const packed = new Float64Array(count)
    let m = 0
    for (let i = 0; i < count; i++) {
      if (table.low[i]! <= 0) continue
      const s = table.start[i]!
      packed[m++] = (Number.isFinite(s) ? s + 1 : 0) * ROW_SPACE + i
    }
    const order = packed.subarray(0, m).sort()
    const lists = new Map<number, Map<string, { narrow: number[]; wide: number[] }>>()
    for (let j = 0; j < m; j++) {
      const i = order[j]! % ROW_SPACE
      const k = keyOf(i)
      const path = regionOf(i)
      const s = table.start[i]!, e = table.end[i]!
      const wide = !Number.isFinite(s) || !Number.isFinite(e) || e - s > MAX_INDEXED_SPAN
      let byRegion = lists.get(k)
      if (!byRegion) lists.set(k, (byRegion = new Map<string, { narrow: number[]; wide: number[] }>()))
      for (let level = 0; level <= path.length; level++) {
        const rk = level === 0 ? '*' : path[level - 1]!
        let l = byRegion.get(rk)
        if (!l) byRegion.set(rk, (l = { narrow: [], wide: [] }))
        ;(wide ? l.wide : l.narrow).push(i)
      }
    }
    for (const [k, byRegion] of lists) {
      const out = new Map<string, Bucket>()
      index.buckets.set(k, out)
      for (const [rk, l] of byRegion) {
        const order = l.narrow
        const n = order.length
        const b: Bucket = { ids: new Int32Array(n), starts: new Float64Array(n), ends: new Float64Array(n), prefix: new Float64Array(n + 1), maxSpan: 0, wide: l.wide }
        for (let j = 0; j < n; j++) {
          const i = order[j]!
          b.ids[j] = i
          b.starts[j] = table.start[i]!
          b.ends[j] = table.end[i]!
          b.prefix[j + 1] = b.prefix[j]! + table.low[i]!
          b.maxSpan = Math.max(b.maxSpan, table.end[i]! - table.start[i]!)
        }
        out.set(rk, b)
      }
    }
    return index
  }

  private bucket(key: number, scope: Scope): Bucket | undefined {
    return this.buckets.get(key)?.get(regionKey(scope.region))
  }

  /** Sum of the lower bounds of incidents of `key` wholly inside `scope`. */
  sum(key: number, scope: Scope): number {
    const b = this.bucket(key, scope)
    if (!b) return 0
    const from = lowerBound(b.starts, scope.start)
    const to = upperBound(b.starts, scope.end)
    if (to <= from) return this.wideSum(b, scope)
    let total = b.prefix[to]! - b.prefix[from]!
    // Incidents starting inside the scope but ending after it started at most maxSpan before its end.
    for (let j = Math.max(from, lowerBound(b.starts, scope.end - b.maxSpan)); j < to; j++) {
      if (b.ends[j]! > scope.end) total -= this.table.low[b.ids[j]!]!
    }
    return total + this.wideSum(b, scope)
  }

  /** The incidents of `key` wholly inside `scope` (ids into the table); used only to explain a finding. */
  within(key: number, scope: Scope): number[] {
    const b = this.bucket(key, scope)
    if (!b) return []
    const out: number[] = []
    const from = lowerBound(b.starts, scope.start)
    const to = upperBound(b.starts, scope.end)
    for (let j = from; j < to; j++) if (b.ends[j]! <= scope.end) out.push(b.ids[j]!)
    for (const i of b.wide) if (this.inside(i, scope)) out.push(i)
    return out
  }

  private wideSum(b: Bucket, scope: Scope): number {
    let t = 0
    for (const i of b.wide) if (this.inside(i, scope)) t += this.table.low[i]!
    return t
  }

  private inside(i: number, scope: Scope): boolean {
    return scope.start <= this.table.start[i]! && this.table.end[i]! <= scope.end
  }
}

/** First index whose value is ≥ x. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index whose value is > x. */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
