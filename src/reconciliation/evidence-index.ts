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
  private readonly buckets = new Map<string, Bucket>()

  private constructor(private readonly table: IncidentTable) {}

  /** Builds the index; `keyOf(i)` gives incident i's (measure, category) key and `regionOf(i)` its region path. */
  static build(table: IncidentTable, count: number, keyOf: (i: number) => string, regionOf: (i: number) => RegionPath): EvidenceIndex {
    const index = new EvidenceIndex(table)
    const lists = new Map<string, { narrow: number[]; wide: number[] }>()
    // One global sort by start date; filing in that order leaves every bucket sorted (cheaper than sorting each).
    const all = new Float64Array(count)
    for (let i = 0; i < count; i++) all[i] = i
    const byStart = Array.from(all).sort((a, b) => {
      const d = table.start[a]! - table.start[b]!
      return d < 0 ? -1 : d > 0 ? 1 : a - b
    })
    for (const i of byStart) {
      if (table.low[i]! <= 0) continue
      const k = keyOf(i)
      const path = regionOf(i)
      const s = table.start[i]!, e = table.end[i]!
      const wide = !Number.isFinite(s) || !Number.isFinite(e) || e - s > MAX_INDEXED_SPAN
      for (let level = 0; level <= path.length; level++) {
        const bk = `${k}|${level === 0 ? '*' : path[level - 1]!}`
        let l = lists.get(bk)
        if (!l) lists.set(bk, (l = { narrow: [], wide: [] }))
        ;(wide ? l.wide : l.narrow).push(i)
      }
    }
    for (const [bk, l] of lists) {
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
      index.buckets.set(bk, b)
    }
    return index
  }

  /** Sum of the lower bounds of incidents of `key` wholly inside `scope`. */
  sum(key: string, scope: Scope): number {
    const b = this.buckets.get(`${key}|${regionKey(scope.region)}`)
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
  within(key: string, scope: Scope): number[] {
    const b = this.buckets.get(`${key}|${regionKey(scope.region)}`)
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
