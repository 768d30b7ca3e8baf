/**
 * @module Inclusive integer ranges of counts, with `null` meaning unbounded.
 *
 * A count can never be negative, so an unbounded minimum reads as 0 in arithmetic; an unbounded maximum is +∞.
 */
import { InvalidValue } from './errors.js'

/** An inclusive range of non-negative integers. `min: null` is unbounded below (0), `max: null` unbounded above. */
export interface Range {
  readonly min: number | null
  readonly max: number | null
}

/**
 * The largest count Reckon records. Casualty counts are far below it; a larger one is a typing or parsing error,
 * and refusing it keeps every count within the stores' 32-bit integer columns.
 */
export const MAX_COUNT = 1_000_000_000

/** The range that says nothing: [0, ∞). */
export const UNBOUNDED: Range = Object.freeze({ min: null, max: null })

/** Lower bound as a number (null → 0). */
export const lo = (r: Range): number => r.min ?? 0
/** Upper bound as a number (null → +∞). */
export const hi = (r: Range): number => r.max ?? Number.POSITIVE_INFINITY

/**
 * Builds a validated range; throws InvalidValue naming `field` when a bound is negative, fractional or min > max.
 * @example range(3, 5) // { min: 3, max: 5 }
 */
export function range(min: number | null, max: number | null, field = 'range'): Range {
  checkBound(min, `${field}.min`)
  checkBound(max, `${field}.max`)
  if (min !== null && max !== null && min > max) throw new InvalidValue(field, `min ${min} is greater than max ${max}`)
  return { min, max }
}

/** A single exact figure. */
export const exactly = (n: number): Range => range(n, n)

function checkBound(v: number | null, field: string): void {
  if (v === null) return
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidValue(field, 'must be a finite number or null')
  if (!Number.isInteger(v)) throw new InvalidValue(field, `must be a whole number (got ${v})`)
  if (v < 0) throw new InvalidValue(field, `must not be negative (got ${v})`)
  if (v > MAX_COUNT) throw new InvalidValue(field, `must be at most ${MAX_COUNT} (got ${v})`)
}

/** The values both ranges allow, or `null` when they do not overlap. */
export function intersect(a: Range, b: Range): Range | null {
  const min = Math.max(lo(a), lo(b))
  const max = Math.min(hi(a), hi(b))
  if (min > max) return null
  return { min: a.min === null && b.min === null ? null : min, max: Number.isFinite(max) ? max : null }
}

/** The smallest range holding both. */
export function envelope(a: Range, b: Range): Range {
  return {
    min: a.min === null || b.min === null ? (a.min === null && b.min === null ? null : Math.min(lo(a), lo(b))) : Math.min(a.min, b.min),
    max: a.max === null || b.max === null ? null : Math.max(a.max, b.max),
  }
}

/** True when every value of `inner` lies in `outer`. */
export function contains(outer: Range, inner: Range): boolean {
  return lo(outer) <= lo(inner) && hi(inner) <= hi(outer)
}

/** True when `n` lies in `r`. */
export function containsValue(r: Range, n: number): boolean {
  return lo(r) <= n && n <= hi(r)
}

/** True when the ranges share at least one value. */
export function overlaps(a: Range, b: Range): boolean {
  return lo(a) <= hi(b) && lo(b) <= hi(a)
}

/** The range of `a + b` for any a in the first and b in the second; an unbounded max stays unbounded. */
export function add(a: Range, b: Range): Range {
  return {
    min: a.min === null && b.min === null ? null : lo(a) + lo(b),
    max: a.max === null || b.max === null ? null : a.max + b.max,
  }
}

/** Sum of many ranges; the sum of none is exactly 0. */
export function sum(ranges: Iterable<Range>): Range {
  let acc: Range = { min: 0, max: 0 }
  for (const r of ranges) acc = add(acc, r)
  return acc
}

/** True when both bounds are equal. */
export function sameRange(a: Range, b: Range): boolean {
  return a.min === b.min && a.max === b.max
}

/** Human form: "8", "8–10", "≥ 8", "≤ 5", "any". */
export function formatRange(r: Range): string {
  if (r.min !== null && r.max !== null) return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`
  if (r.min !== null) return `≥ ${r.min}`
  if (r.max !== null) return `≤ ${r.max}`
  return 'any'
}
