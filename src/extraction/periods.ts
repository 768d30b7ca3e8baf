/**
 * @module Time expressions in a sentence ("since 2008", "in 2012 and 2013", "since January 2012", "last month",
 * "Thursday and Friday", "October 24"), resolved against the publication date when there is one.
 */
import {
  addDays,
  dayOfWeek,
  endOfMonth,
  endOfYear,
  parts,
  startOfMonth,
  startOfYear,
  ymd,
  daysInMonth,
  type LocalDate,
  type Period,
} from '../domain/dates.js'
import type { DatePrecision } from '../domain/values.js'
import type { Token } from './tokens.js'

/** A time expression found at tokens `[from, to)`. */
export interface TimeMention {
  readonly from: number
  readonly to: number
  readonly period: Period
  /** True when it names a day or a few days (an incident date) rather than a year or an open span. */
  readonly specific: boolean
  /** True when it needed the publication date and none was given. */
  readonly unresolved: boolean
}

const MONTHS_LIST: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const WEEKDAYS_LIST: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 }
// Maps, not objects: token text such as "constructor" must not find Object.prototype members.
const MONTHS_MAP = new Map(Object.entries(MONTHS_LIST))
const WEEKDAYS_MAP = new Map(Object.entries(WEEKDAYS_LIST))
const MONTHS = MONTHS_MAP
const WEEKDAYS = WEEKDAYS_MAP

/** True when the token is a year written in digits (1900–2099). */
export const isYear = (t: Token | undefined): boolean => t !== undefined && t.kind === 'num' && /^(19|20)\d\d$/.test(t.text)
/** True when the token is a month name (capitalised; "may" and "march" in lower case are verbs). */
export const isMonth = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.text[0] !== t.lower[0] && MONTHS.has(t.lower)
/** True when the token is a weekday name. */
export const isWeekday = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && WEEKDAYS.has(t.lower)

function span(start: LocalDate | null, end: LocalDate | null, precision: DatePrecision): Period {
  return { start, end, precision, resolved: true }
}
function unresolved(text: string, precision: DatePrecision): Period {
  return { start: null, end: null, precision, text, resolved: false }
}

/** The most recent given weekday on or before `published` (an article dated Monday saying "Monday" means that day). */
function lastWeekday(published: LocalDate, wd: number): LocalDate {
  const back = (dayOfWeek(published) - wd + 7) % 7
  return addDays(published, -back)
}

/** A month (1-12) with no year: the latest such month not after publication. */
function monthYear(published: LocalDate, m: number): number {
  const p = parts(published)
  return m > p.m ? p.y - 1 : p.y
}

const textOf = (toks: readonly Token[], from: number, to: number, source: string): string => source.slice(toks[from]!.start, toks[to - 1]!.end)

/** Finds every time expression in a sentence's tokens. `source` is the document text (for `Period.text`). */
export function findTimes(toks: readonly Token[], source: string, published: LocalDate | null): TimeMention[] {
  const out: TimeMention[] = []
  for (let i = 0; i < toks.length; i++) {
    const m = matchAt(toks, i, published, source)
    if (m) {
      out.push(m)
      i = m.to - 1
    }
  }
  return out
}

function matchAt(toks: readonly Token[], i: number, pub: LocalDate | null, source: string): TimeMention | null {
  const t = toks[i]!
  const mk = (to: number, p: Period | null, specific: boolean, needsPub: boolean, precision: DatePrecision): TimeMention => {
    const text = textOf(toks, i, to, source)
    return needsPub && pub === null
      ? { from: i, to, period: unresolved(text, precision), specific, unresolved: true }
      : { from: i, to, period: p === null ? unresolved(text, precision) : { start: p.start, end: p.end, precision: p.precision, text, resolved: true }, specific, unresolved: false }
  }
  // "since [Month] YEAR", "since Month"
  if (t.lower === 'since') {
    const a = toks[i + 1]
    if (isMonth(a) && isYear(toks[i + 2])) {
      const y = Number(toks[i + 2]!.text)
      return mk(i + 3, span(ymd(y, MONTHS.get(a!.lower)!, 1), pub, 'span'), false, false, 'span')
    }
    if (isYear(a)) return mk(i + 2, span(startOfYear(Number(a!.text)), pub, 'span'), false, false, 'span')
    if (isMonth(a)) {
      if (pub === null) return mk(i + 2, null, false, true, 'span')
      const y = monthYear(pub, MONTHS.get(a!.lower)!)
      return mk(i + 2, span(ymd(y, MONTHS.get(a!.lower)!, 1), pub, 'span'), false, false, 'span')
    }
    return null
  }
  // "between 2007 and 2011", "from 2004 to 2013", "in 2012 and 2013", "in 2012", "during 2012", "in the 1980s"
  if ((t.lower === 'between' || t.lower === 'from') && isYear(toks[i + 1]) && ['and', 'to', '-', '–'].includes(toks[i + 2]?.lower ?? '') && isYear(toks[i + 3])) {
    const a = Number(toks[i + 1]!.text), b = Number(toks[i + 3]!.text)
    if (b >= a) return mk(i + 4, span(startOfYear(a), endOfYear(b), 'span'), false, false, 'span')
  }
  if (isYear(t) && !isMonth(toks[i - 1]) && toks[i - 1]?.kind !== 'num') {
    const prev = toks[i - 1]?.lower
    if (prev === 'in' || prev === 'during' || prev === 'throughout' || prev === 'of' || prev === 'for' || prev === ',' || prev === undefined) {
      const y = Number(t.text)
      const link = toks[i + 1]?.lower
      if ((link === 'and' || link === '-' || link === '–' || link === 'to') && isYear(toks[i + 2]) && Number(toks[i + 2]!.text) >= y) {
        return mk(i + 3, span(startOfYear(y), endOfYear(Number(toks[i + 2]!.text)), 'span'), false, false, 'span')
      }
      return mk(i + 1, span(startOfYear(y), endOfYear(y), 'year'), false, false, 'year')
    }
  }
  if (t.lower === 'the' && toks[i + 1]?.kind === 'num' && /^(19|20)\d0$/.test(toks[i + 1]!.text) && toks[i + 2]?.lower === 's' && toks[i + 2]?.gap === '') {
    const y = Number(toks[i + 1]!.text)
    return mk(i + 3, span(startOfYear(y), endOfYear(y + 9), 'span'), false, false, 'span')
  }
  // "Month day[, year]", "day Month [year]", "Month year", "in Month"
  if (isMonth(t)) {
    const m = MONTHS.get(t.lower)!
    const d = toks[i + 1]
    if (d?.kind === 'num' && /^\d{1,2}$/.test(d.text) && Number(d.text) >= 1 && Number(d.text) <= 31) {
      let to = i + 2
      let y: number | null = null
      if (toks[to]?.text === ',' && isYear(toks[to + 1])) to++
      if (isYear(toks[to])) {
        y = Number(toks[to]!.text)
        to++
      }
      if (y === null && pub === null) return mk(to, null, true, true, 'day')
      const year = y ?? monthYear(pub!, m)
      const day = Math.min(Number(d.text), daysInMonth(year, m))
      const date = ymd(year, m, day)
      return mk(to, span(date, date, 'day'), true, false, 'day')
    }
    if (isYear(d)) {
      const y = Number(d!.text)
      return mk(i + 2, span(ymd(y, m, 1), endOfMonth(ymd(y, m, 1)), 'month'), false, false, 'month')
    }
    if (['in', 'during', 'early', 'late', 'mid', 'since'].includes(toks[i - 1]?.lower ?? '')) {
      if (pub === null) return mk(i + 1, null, false, true, 'month')
      const s = ymd(monthYear(pub, m), m, 1)
      return mk(i + 1, span(s, endOfMonth(s), 'month'), false, false, 'month')
    }
    return null
  }
  if (t.kind === 'num' && /^\d{1,2}$/.test(t.text) && isMonth(toks[i + 1]) && toks[i + 1]!.gap !== '') {
    const m = MONTHS.get(toks[i + 1]!.lower)!
    let to = i + 2
    let y: number | null = null
    if (isYear(toks[to])) {
      y = Number(toks[to]!.text)
      to++
    }
    if (y === null && pub === null) return mk(to, null, true, true, 'day')
    const year = y ?? monthYear(pub!, m)
    const dd = Number(t.text)
    if (dd < 1 || dd > daysInMonth(year, m)) return null
    const date = ymd(year, m, dd)
    return mk(to, span(date, date, 'day'), true, false, 'day')
  }
  // Weekdays, alone or paired: "Thursday and Friday", "on Saturday night".
  if (isWeekday(t) && t.text[0] !== t.lower[0]) {
    let to = i + 1
    const days = [WEEKDAYS.get(t.lower)!]
    if ((toks[to]?.lower === 'and' || toks[to]?.lower === 'or') && isWeekday(toks[to + 1])) {
      days.push(WEEKDAYS.get(toks[to + 1]!.lower)!)
      to += 2
    }
    if (pub === null) return mk(to, null, true, true, 'day')
    const dates = days.map((wd) => lastWeekday(pub, wd)).sort()
    return mk(to, span(dates[0]!, dates[dates.length - 1]!, 'day'), true, false, 'day')
  }
  // Relative: yesterday, today, last night, last week/month/year, this week/month/year, earlier this month.
  if (t.lower === 'yesterday' || t.lower === 'today' || t.lower === 'tonight') {
    if (pub === null) return mk(i + 1, null, true, true, 'day')
    const d = t.lower === 'yesterday' ? addDays(pub, -1) : pub
    return mk(i + 1, span(d, d, 'day'), true, false, 'day')
  }
  if ((t.lower === 'last' || t.lower === 'this' || t.lower === 'past') && ['night', 'week', 'month', 'year'].includes(toks[i + 1]?.lower ?? '')) {
    const unit = toks[i + 1]!.lower
    const specific = unit === 'night'
    const precision: DatePrecision = unit === 'night' ? 'day' : unit === 'week' ? 'week' : unit === 'month' ? 'month' : 'year'
    if (pub === null) return mk(i + 2, null, specific, true, precision)
    const p = parts(pub)
    const last = t.lower !== 'this'
    if (unit === 'night') {
      const d = last ? addDays(pub, -1) : pub
      return mk(i + 2, span(d, d, 'day'), true, false, 'day')
    }
    if (unit === 'week') return mk(i + 2, span(addDays(pub, last ? -7 : -dayOfWeek(pub)), last ? addDays(pub, -1) : pub, 'week'), false, false, 'week')
    if (unit === 'month') {
      const s = last ? startOfMonth(ymd(p.m === 1 ? p.y - 1 : p.y, p.m === 1 ? 12 : p.m - 1, 1)) : startOfMonth(pub)
      return mk(i + 2, span(s, last ? endOfMonth(s) : pub, 'month'), false, false, 'month')
    }
    const y = last ? p.y - 1 : p.y
    return mk(i + 2, span(startOfYear(y), last ? endOfYear(y) : pub, 'year'), false, false, 'year')
  }
  return null
}
