/**
 * @module Calendar dates as `YYYY-MM-DD` strings and periods between them.
 *
 * Dates are plain strings so they sort, compare and serialise the same in memory, SQLite and PostgreSQL.
 */
import { InvalidValue } from './errors.js'
import { DATE_PRECISIONS, isOneOf, type DatePrecision } from './values.js'

/** A calendar date, `YYYY-MM-DD` (proleptic Gregorian, no time zone). */
export type LocalDate = string

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (rejects 2013-02-30). */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false
  const m = DATE_RE.exec(s)
  if (!m) return false
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3])
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/** Validates a date, throwing InvalidValue naming `field`. */
export function localDate(s: unknown, field = 'date'): LocalDate {
  if (!isLocalDate(s)) throw new InvalidValue(field, `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(s)})`)
  return s
}

/** Number of days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** Builds a date from parts; month 1-12. */
export function ymd(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Parts of a date. */
export function parts(d: LocalDate): { y: number; m: number; d: number } {
  return { y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)), d: Number(d.slice(8, 10)) }
}

/** Adds (or with a negative n, subtracts) days. */
export function addDays(d: LocalDate, n: number): LocalDate {
  const p = parts(d)
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + n))
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const pa = parts(a), pb = parts(b)
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000)
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  const p = parts(d)
  return new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()
}

export const startOfMonth = (d: LocalDate): LocalDate => d.slice(0, 8) + '01'
export const endOfMonth = (d: LocalDate): LocalDate => {
  const p = parts(d)
  return ymd(p.y, p.m, daysInMonth(p.y, p.m))
}
export const startOfYear = (y: number): LocalDate => ymd(y, 1, 1)
export const endOfYear = (y: number): LocalDate => ymd(y, 12, 31)

/** Earlier of two dates (null-safe: null loses). */
export const minDate = (a: LocalDate | null, b: LocalDate | null): LocalDate | null => (a === null ? b : b === null ? a : a < b ? a : b)
/** Later of two dates (null-safe: null loses). */
export const maxDate = (a: LocalDate | null, b: LocalDate | null): LocalDate | null => (a === null ? b : b === null ? a : a > b ? a : b)

/**
 * A span of days, inclusive. `start: null` means "from the beginning of the record", `end: null` "until now".
 * `text` keeps the words it came from; `resolved: false` says the words could not be tied to the calendar
 * (for example "Thursday" without a publication date).
 */
export interface Period {
  readonly start: LocalDate | null
  readonly end: LocalDate | null
  readonly precision: DatePrecision | null
  readonly text?: string | null
  readonly resolved?: boolean
}

/** The period that says nothing. */
export const ALL_TIME: Period = Object.freeze({ start: null, end: null, precision: null })

/** Validates a period: well-formed dates, end not before start, known precision. */
export function period(p: Partial<Period> & Pick<Period, 'start' | 'end'>, field = 'period'): Period {
  const start = p.start === null ? null : localDate(p.start, `${field}.start`)
  const end = p.end === null ? null : localDate(p.end, `${field}.end`)
  if (start !== null && end !== null && end < start) throw new InvalidValue(`${field}.end`, `${end} is before start ${start}`)
  const precision = p.precision ?? null
  if (precision !== null && !isOneOf(DATE_PRECISIONS, precision)) {
    throw new InvalidValue(`${field}.precision`, `must be one of ${DATE_PRECISIONS.join(', ')} (got ${JSON.stringify(precision)})`)
  }
  const out: Period = { start, end, precision }
  return p.text === undefined && p.resolved === undefined ? out : { ...out, text: p.text ?? null, resolved: p.resolved ?? true }
}

/** True when every day of `inner` lies in `outer` (open ends are unbounded). */
export function periodContains(outer: Period, inner: Period): boolean {
  const startOk = outer.start === null || (inner.start !== null && inner.start >= outer.start)
  const endOk = outer.end === null || (inner.end !== null && inner.end <= outer.end)
  return startOk && endOk
}

/** True when the periods share at least one day. */
export function periodOverlaps(a: Period, b: Period): boolean {
  return (a.start === null || b.end === null || a.start <= b.end) && (b.start === null || a.end === null || b.start <= a.end)
}
