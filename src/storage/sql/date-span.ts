/**
 * @module Span classes of incident periods, so "incidents whose period overlaps [lo, hi]" is a few bounded index
 * range scans instead of one scan of every incident that starts before `hi`. An incident of class c lasts fewer than
 * 2^c days (class 0: one day), so if it reaches `lo` it starts no earlier than `lo` - (2^c - 1): per class, the
 * index on (status, date_span, date_start) is read between those two dates only. The last class is open-ended (it
 * holds periods of 2^(LAST-1) days or more, about 90 years) and is read from its start; it is empty in practice.
 */
import { addDays, daysBetween, type LocalDate } from '../../domain/dates.js'

/** The highest span class; periods of 2^(DATE_SPAN_LAST - 1) days or more all fall in it. */
export const DATE_SPAN_LAST = 16

/** The span class of a period from its first and last day (null without a start: such incidents are never near a date). */
export function dateSpanClass(start: LocalDate | null, last: LocalDate | null): number | null {
  if (start === null) return null
  return classOfDays(last === null ? 0 : daysBetween(start, last))
}

function classOfDays(days: number): number {
  // days + 1 days long; class c holds lengths 2^(c-1) + 1 .. 2^c (in days between: 2^(c-1) .. 2^c - 1).
  if (days <= 0) return 0
  return Math.min(DATE_SPAN_LAST, Math.floor(Math.log2(days)) + 1)
}

/**
 * The SQL expression of the span class of a row, for the migration that fills the column: `days` is the dialect's
 * whole days from date_start to date_last. Same classes as dateSpanClass (a test checks them against each other).
 */
export function dateSpanSql(days: string): string {
  const whens: string[] = []
  for (let c = 1; c < DATE_SPAN_LAST; c++) whens.push(`WHEN ${days} < ${2 ** c} THEN ${c}`)
  return `CASE WHEN date_start IS NULL THEN NULL WHEN date_last IS NULL OR ${days} <= 0 THEN 0 ${whens.join(' ')} ELSE ${DATE_SPAN_LAST} END`
}

/** The earliest start an incident of span class `c` reaching `lo` can have (null for the open-ended last class). */
export function earliestStart(c: number, lo: LocalDate): LocalDate | null {
  return c >= DATE_SPAN_LAST ? null : addDays(lo, -(2 ** c - 1))
}
