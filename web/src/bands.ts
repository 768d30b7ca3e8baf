/** @module Casualties per month as low–high bands per category, from the server's monthly totals. Pure. */
import type { Category } from '../../src/domain/index.js'
import type { TotalRow } from '../../src/api/wire-types.js'

/** A row of /api/totals, as the server's schema defines it. */
export type { TotalRow }

/** Per month: the sum of the lows, the sum of the highs (null when some high is unbounded), and how many incidents. */
export interface MonthBand {
  readonly month: string
  readonly low: number
  readonly high: number | null
  readonly incidents: number
}

const ORDER: Category[] = ['total', 'civilians', 'children', 'women', 'militants', 'security', 'unknown']

/** The first and last day of a month (YYYY-MM) or a year (YYYY), for the list of the incidents behind a bar. */
export function periodOf(monthOrYear: string): { from: string; to: string } {
  if (/^\d{4}$/.test(monthOrYear)) return { from: `${monthOrYear}-01-01`, to: `${monthOrYear}-12-31` }
  const [y, m] = monthOrYear.split('-').map(Number) as [number, number]
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${monthOrYear}-01`, to: `${monthOrYear}-${String(days).padStart(2, '0')}` }
}

/** Months from `a` to `b` inclusive, as YYYY-MM. */
export function months(a: string, b: string): string[] {
  const out: string[] = []
  let [y, m] = a.split('-').map(Number) as [number, number]
  const [by, bm] = b.split('-').map(Number) as [number, number]
  while (y < by || (y === by && m <= bm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** Per year: incidents whose dates do not fall within one month (dated only to a year, or spanning months). */
export interface YearBand {
  readonly year: string
  readonly low: number
  readonly high: number | null
  readonly incidents: number
}

/**
 * Bands per category from /api/totals rows grouped by month (the server sums every matching incident). With a `span`
 * (the filter's dates), the months run over the whole filtered period, empty months included, so the axis shows
 * the period asked for, not just the months that happen to have incidents.
 */
export function bandsFromTotals(
  rows: readonly Pick<TotalRow, 'group' | 'measure' | 'category' | 'low' | 'high' | 'incidents'>[],
  span: { readonly from?: string | undefined; readonly to?: string | undefined } = {},
): Map<Category, MonthBand[]> {
  const killedRows = rows.filter((r) => r.measure === 'killed' && r.group && /^\d{4}-\d{2}/.test(r.group))
  const out = new Map<Category, MonthBand[]>()
  if (killedRows.length === 0) return out
  const ms = killedRows.map((r) => r.group!.slice(0, 7)).sort()
  const first = span.from && span.from.slice(0, 7) < ms[0]! ? span.from.slice(0, 7) : ms[0]!
  const last = span.to && span.to.slice(0, 7) > ms[ms.length - 1]! ? span.to.slice(0, 7) : ms[ms.length - 1]!
  const all = months(first, last)
  for (const c of ORDER) {
    const mine = new Map(killedRows.filter((r) => r.category === c).map((r) => [r.group!.slice(0, 7), r]))
    if (mine.size === 0) continue
    out.set(c, all.map((month) => { const r = mine.get(month); return { month, low: r?.low ?? 0, high: r ? r.high : 0, incidents: r?.incidents ?? 0 } }))
  }
  return out
}

/** Year bands per category from the `notByMonth` rows of /api/totals grouped by month (summed again, so rows may repeat a year). */
export function yearBandsFromTotals(rows: readonly Pick<TotalRow, 'group' | 'measure' | 'category' | 'low' | 'high' | 'incidents'>[]): Map<Category, YearBand[]> {
  const out = new Map<Category, YearBand[]>()
  for (const c of ORDER) {
    const per = new Map<string, YearBand>()
    for (const r of rows) {
      if (r.measure !== 'killed' || r.category !== c || !r.group) continue
      const b = per.get(r.group) ?? { year: r.group, low: 0, high: 0, incidents: 0 }
      per.set(r.group, { year: r.group, low: b.low + r.low, high: b.high === null || r.high === null ? null : b.high + r.high, incidents: b.incidents + r.incidents })
    }
    if (per.size) out.set(c, [...per.values()].sort((a, b) => (a.year < b.year ? -1 : 1)))
  }
  return out
}
