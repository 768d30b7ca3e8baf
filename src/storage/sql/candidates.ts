/**
 * @module Candidate incidents near a date: for one claim (a read of the span index per span class, see date-span.ts),
 * and for many periods at once (one read of the span index per stretch of days the periods cover together, each
 * period's candidates then chosen in memory), the same incidents in the same order either way.
 */
import { addDays, type LocalDate } from '../../domain/dates.js'
import type { IncidentId } from '../../domain/ids.js'
import type { Incident } from '../../domain/incident.js'
import type { CandidateQuery } from '../store.js'
import { DATE_SPAN_LAST, earliestStart } from './date-span.js'
import type { Executor, Row, SqlValue } from './executor.js'
import { incidentsByIds } from './incident-reads.js'
import { str } from './sql-util.js'

/** Rows a candidate query ranks at most: the earliest-starting ones when more overlap its days. */
const RANKED = 2000

/** What a candidate query asks, its days widened by the slack. */
interface Window {
  readonly start: LocalDate
  readonly end: LocalDate
  readonly lo: LocalDate
  readonly hi: LocalDate
  readonly country: string | null
  readonly limit: number
}

/** An active incident as the span index holds it. */
interface SpanRow {
  readonly id: string
  readonly start: LocalDate
  readonly last: LocalDate
  readonly country: string | null
  /** Its span class (date-span.ts). */
  readonly span: number
}

function windowOf(q: CandidateQuery): Window | null {
  const start = q.date.start ?? q.date.end
  const end = q.date.end ?? q.date.start
  if (start === null || end === null) return null
  const days = Math.max(0, q.days ?? 3)
  const country = q.country !== undefined && q.country !== null ? q.country : null
  return { start, end, lo: addDays(start, -days), hi: addDays(end, days), country, limit: Math.max(1, q.limit ?? 50) }
}

const spanRow = (r: Row): SpanRow => ({ id: String(r.id), start: String(r.date_start), last: String(r.date_last), country: str(r.country), span: Number(r.date_span) })

const byStartThenId = (a: SpanRow, b: SpanRow): number => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The active incidents of each span class overlapping [lo, hi] (in `country` or with none, when given): one bounded
 * range of the span index per class, rows starting after the earliest start an incident of that class can have and
 * still reach `lo`. With `ranked`, only the earliest-starting RANKED rows.
 */
async function spanRows(x: Executor, lo: LocalDate, hi: LocalDate, country: string | null, ranked = false): Promise<SpanRow[]> {
  const params: SqlValue[] = []
  const parts: string[] = []
  for (let c = 0; c <= DATE_SPAN_LAST; c++) {
    const from = earliestStart(c, lo)
    parts.push(
      `SELECT id, date_start, date_last, country, date_span FROM incidents WHERE status = 'active' AND date_span = ${c}${from === null ? '' : ' AND date_start >= ?'}
         AND date_start <= ? AND date_last >= ?${country === null ? '' : ' AND (country = ? OR country IS NULL)'}`,
    )
    if (from !== null) params.push(from)
    params.push(hi, lo)
    if (country !== null) params.push(country)
  }
  return (await x.all(`SELECT id, date_start, date_last, country, date_span FROM (${parts.join(' UNION ALL ')}) i${ranked ? ` ORDER BY date_start, id LIMIT ${RANKED}` : ''}`, params)).map(spanRow)
}

/** The ids of `rows` (each overlapping the window's days, in its country) nearest the window first, up to its limit. */
function nearest(w: Window, rows: SpanRow[]): string[] {
  // The earliest-starting RANKED rows are ranked, as a scan of the index in date order would have them.
  const ranked = rows.length > RANKED ? rows.sort(byStartThenId).slice(0, RANKED) : rows
  // Nearest first: days between the periods (0 when they overlap), then id for a stable order.
  const gap = (r: SpanRow): number => {
    if (r.last < w.start) return Date.parse(w.start) - Date.parse(r.last)
    if (r.start > w.end) return Date.parse(r.start) - Date.parse(w.end)
    return 0
  }
  return ranked
    .map((r) => ({ id: r.id, gap: gap(r) }))
    .sort((a, b) => a.gap - b.gap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, w.limit)
    .map((r) => r.id)
}

/** Active incidents near a date (and in a country), nearest first: what a claim may be linked to. */
export async function candidates(x: Executor, q: CandidateQuery): Promise<Incident[]> {
  const w = windowOf(q)
  if (w === null) return []
  return incidentsByIds(x, nearest(w, await spanRows(x, w.lo, w.hi, w.country, true)))
}

/**
 * For each query, the ids `candidates` would answer, in its order. The widened days of all queries are joined into
 * stretches, each read once from the span index in every country; a query's candidates are then chosen from the rows
 * of its stretch by binary search on their starts, per span class. A batch of rows near each other in time reads
 * each incident once, where a query per row read it once per row near it.
 */
export async function candidateIds(x: Executor, qs: readonly CandidateQuery[]): Promise<IncidentId[][]> {
  const windows = qs.map(windowOf)
  const dated = windows.filter((w): w is Window => w !== null).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0))
  const stretches: { lo: LocalDate; hi: LocalDate }[] = []
  for (const w of dated) {
    const last = stretches[stretches.length - 1]
    if (last !== undefined && w.lo <= last.hi) {
      if (w.hi > last.hi) last.hi = w.hi
    } else stretches.push({ lo: w.lo, hi: w.hi })
  }
  // Every row once (a long period can reach into two stretches), per span class, by start then id.
  const seen = new Map<string, SpanRow>()
  for (const s of stretches) for (const r of await spanRows(x, s.lo, s.hi, null)) seen.set(r.id, r)
  const byClass: SpanRow[][] = Array.from({ length: DATE_SPAN_LAST + 1 }, () => [])
  for (const r of seen.values()) byClass[r.span]!.push(r)
  for (const rows of byClass) rows.sort(byStartThenId)
  return windows.map((w) => {
    if (w === null) return []
    const rows: SpanRow[] = []
    for (let c = 0; c <= DATE_SPAN_LAST; c++) {
      const list = byClass[c]!
      const from = earliestStart(c, w.lo)
      for (let i = from === null ? 0 : firstStartingAt(list, from); i < list.length && list[i]!.start <= w.hi; i++) {
        const r = list[i]!
        if (r.last >= w.lo && (w.country === null || r.country === null || r.country === w.country)) rows.push(r)
      }
    }
    return nearest(w, rows) as IncidentId[]
  })
}

/** The index of the first row of `rows` (sorted by start) starting on or after `day`. */
function firstStartingAt(rows: readonly SpanRow[], day: LocalDate): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (rows[mid]!.start < day) lo = mid + 1
    else hi = mid
  }
  return lo
}
