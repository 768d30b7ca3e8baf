/**
 * @module Span classes of incident periods, so "incidents whose period overlaps [lo, hi]" is a few bounded index
 * range scans instead of one scan of every incident that starts before `hi`. An incident of class c ends fewer than
 * 8^c days after it starts (class 0: the same day), so if it reaches `lo` it starts no earlier than `lo` - (8^c - 1):
 * per class, the index on (status, date_span, date_start) is read between those two dates only. The last class is
 * open-ended (periods of 8^(LAST-1) days or more, about 90 years) and is read from its start; it is empty in
 * practice. Base 8, not 2: each class is one more range in every candidate query (17 ranges measured about 10 ms
 * a query on a busy machine), and reading up to 8 times a period's length before `lo` costs little.
 */
import { addDays, daysBetween, type LocalDate } from '../../domain/dates.js'

const BASE = 8

/** The highest span class; periods of 8^(DATE_SPAN_LAST - 1) days or more all fall in it. */
export const DATE_SPAN_LAST = 6

/** The span class of a period from its first and last day (null without a start: such incidents are never near a date). */
export function dateSpanClass(start: LocalDate | null, last: LocalDate | null): number | null {
  if (start === null) return null
  return classOfDays(last === null ? 0 : daysBetween(start, last))
}

function classOfDays(days: number): number {
  // Class c >= 1 holds periods whose last day is 8^(c-1) .. 8^c - 1 days after the first.
  let c = 0
  while (c < DATE_SPAN_LAST && days >= BASE ** c) c++
  return c
}

/**
 * The SQL expression of the span class of a row, for the migration that fills the column: `days` is the dialect's
 * whole days from date_start to date_last. Same classes as dateSpanClass (a test checks them against each other).
 */
export function dateSpanSql(days: string): string {
  const whens: string[] = []
  for (let c = 1; c < DATE_SPAN_LAST; c++) whens.push(`WHEN ${days} < ${BASE ** c} THEN ${c}`)
  return `CASE WHEN date_start IS NULL THEN NULL WHEN date_last IS NULL OR ${days} <= 0 THEN 0 ${whens.join(' ')} ELSE ${DATE_SPAN_LAST} END`
}

/** The earliest start an incident of span class `c` reaching `lo` can have (null for the open-ended last class). */
export function earliestStart(c: number, lo: LocalDate): LocalDate | null {
  return c >= DATE_SPAN_LAST ? null : addDays(lo, -(BASE ** c - 1))
}
