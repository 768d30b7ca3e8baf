/**
 * @module Totals without scanning every figure: a small table of sums per (start month, last month, country,
 * actor, measure, category) over active incidents, kept in step with every change to figures.
 *
 * A query sums the cells wholly inside its date filter and reads figure rows only for the cells a filter
 * boundary cuts through (a `from` that is not the 1st of its month, a `to` that is not the last day), so the
 * answer is exactly what scanning all figures gives, at a fraction of the cost.
 */
import { endOfMonth } from '../../domain/dates.js'
import type { IncidentFilter, TotalGroup, TotalRow } from '../store.js'
import type { Executor, Row, SqlValue } from './executor.js'
import { Where } from './sql-util.js'

/** One figure row of one incident, with the incident fields the cube is keyed on. */
export interface FigureFact {
  readonly dateStart: string | null
  readonly dateEnd: string | null
  readonly country: string | null
  readonly actor: string | null
  readonly measure: string
  readonly category: string
  readonly min: number | null
  readonly max: number | null
}

/** Columns to select from incident_figures to build facts with `factFromRow`. */
export const FACT_COLUMNS = 'date_start, date_end, country, actor, measure, category, min, max'

const s = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v))
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** A fact from an incident_figures row selected with FACT_COLUMNS. */
export function factFromRow(r: Row): FigureFact {
  return {
    dateStart: s(r.date_start),
    dateEnd: s(r.date_end),
    country: s(r.country),
    actor: s(r.actor),
    measure: String(r.measure),
    category: String(r.category),
    min: n(r.min),
    max: n(r.max),
  }
}

const CUBE_KEY = 'start_month, last_month, country, actor, measure, category'
/** Cells per upsert statement: 11 parameters each, well under both drivers' limits. */
const CUBE_CHUNK = 500

/** Adds (sign 1) or removes (sign -1) figure facts from the cube; cells are summed in memory first, then upserted. */
export async function cubeApply(x: Executor, facts: readonly FigureFact[], sign: 1 | -1): Promise<void> {
  if (facts.length === 0) return
  const cells = new Map<string, SqlValue[]>()
  for (const f of facts) {
    // '' stands for "none": NULLs never conflict in a unique key, so they could not be upserted.
    const startMonth = f.dateStart?.slice(0, 7) ?? ''
    const lastMonth = (f.dateEnd ?? f.dateStart)?.slice(0, 7) ?? ''
    const key = [startMonth, lastMonth, f.country ?? '', f.actor ?? '', f.measure, f.category]
    const k = key.join('\u0000')
    const cell = cells.get(k) ?? [...key, (f.actor ?? '').toLowerCase(), 0, 0, 0, 0]
    cell[7] = (cell[7] as number) + sign * (f.min ?? 0)
    cell[8] = (cell[8] as number) + sign * (f.max ?? 0)
    cell[9] = (cell[9] as number) + sign * (f.max === null ? 1 : 0)
    cell[10] = (cell[10] as number) + sign
    cells.set(k, cell)
  }
  // One multi-row upsert per few hundred cells: keys are distinct within it, as PostgreSQL requires.
  const all = [...cells.values()]
  for (let i = 0; i < all.length; i += CUBE_CHUNK) {
    const part = all.slice(i, i + CUBE_CHUNK)
    await x.run(
      `INSERT INTO figure_cube (${CUBE_KEY}, actor_lc, low, high, unbounded, n) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (${CUBE_KEY}) DO UPDATE SET low = figure_cube.low + excluded.low, high = figure_cube.high + excluded.high,
         unbounded = figure_cube.unbounded + excluded.unbounded, n = figure_cube.n + excluded.n`,
      part.flat(),
    )
  }
}

/**
 * True when the cube can answer this filter: active incidents, no per-incident casualty threshold, and no grade
 * (a grade key would multiply the cells several times over for the few totals that ask for one).
 */
export function cubeAnswers(f: IncidentFilter): boolean {
  return (f.status === undefined || f.status === 'active') && f.minCasualties === undefined && f.grade === undefined
}

const CUBE_GROUPS: Record<TotalGroup, string> = {
  year: "nullif(substr(start_month, 1, 4), '')",
  // See TOTAL_GROUPS: a cell whose last month is not its start month is summed under the start year.
  month: "nullif(CASE WHEN start_month = last_month THEN start_month ELSE substr(start_month, 1, 4) END, '')",
  country: "nullif(country, '')",
  actor: "nullif(actor, '')",
}

const DETAIL_GROUPS: Record<TotalGroup, string> = {
  year: 'substr(date_start, 1, 4)',
  month: 'CASE WHEN substr(date_start, 1, 7) = substr(date_last, 1, 7) THEN substr(date_start, 1, 7) ELSE substr(date_start, 1, 4) END',
  country: 'country',
  actor: 'actor',
}

interface Acc {
  group: string | null
  measure: string
  category: string
  low: number
  high: number
  unbounded: number
  n: number
}

/** Totals from the cube plus the boundary months read from figure rows. Same answer as a full scan. */
export async function cubeTotals(x: Executor, groupBy: TotalGroup, f: IncidentFilter): Promise<TotalRow[]> {
  const acc = new Map<string, Acc>()
  const add = (r: Row): void => {
    const group = s(r.grp)
    const k = `${group ?? '\u0000'}|${String(r.measure)}|${String(r.category)}`
    const a = acc.get(k) ?? { group, measure: String(r.measure), category: String(r.category), low: 0, high: 0, unbounded: 0, n: 0 }
    a.low += Number(r.low)
    a.high += Number(r.high)
    a.unbounded += Number(r.unbounded)
    a.n += Number(r.n)
    acc.set(k, a)
  }
  // Shared conditions: country, actor, category, on both the cube and the figure rows.
  const common = (w: Where): Where => w.eq('country', f.country).eq('actor_lc', f.actor?.toLowerCase()).eq('category', f.category)
  const fromMonth = f.from?.slice(0, 7)
  const toMonth = f.to?.slice(0, 7)
  const fromCut = f.from !== undefined && !f.from.endsWith('-01')
  const toCut = f.to !== undefined && f.to !== endOfMonth(f.to)

  const cube = common(new Where().add('n > 0'))
  if (fromMonth !== undefined) cube.add(fromCut ? 'last_month > ?' : 'last_month >= ?', fromMonth)
  if (toMonth !== undefined) cube.add("start_month <> ''").add(toCut ? 'start_month < ?' : 'start_month <= ?', toMonth)
  const cubeRows = await x.all(
    `SELECT ${CUBE_GROUPS[groupBy]} AS grp, measure, category, sum(low) AS low, sum(high) AS high, sum(unbounded) AS unbounded, sum(n) AS n
       FROM figure_cube ${cube.sql} GROUP BY 1, 2, 3`,
    cube.params,
  )
  cubeRows.forEach(add)

  // Figure rows in the cells a boundary cuts: the month of `from` (by last date) and of `to` (by start date).
  const detail = async (extra: string, extraParams: SqlValue[]): Promise<void> => {
    const w = common(new Where().add("status = 'active'")).add(extra, ...extraParams)
    w.optional('date_last >= ?', f.from).optional('date_start <= ?', f.to)
    const rows = await x.all(
      `SELECT ${DETAIL_GROUPS[groupBy]} AS grp, measure, category, sum(coalesce(min, 0)) AS low, sum(coalesce(max, 0)) AS high,
              sum(CASE WHEN max IS NULL THEN 1 ELSE 0 END) AS unbounded, count(*) AS n
         FROM incident_figures ${w.sql} GROUP BY 1, 2, 3`,
      w.params,
    )
    rows.forEach(add)
  }
  const fromCell = 'date_last >= ? AND date_last <= ?'
  if (fromCut) await detail(fromCell, [`${fromMonth}-01`, `${fromMonth}-31`])
  if (toCut) {
    // Rows in both cut cells were counted with the `from` cell already.
    const notFrom = fromCut ? ` AND NOT (${fromCell})` : ''
    await detail(`date_start >= ? AND date_start <= ?${notFrom}`, [`${toMonth}-01`, `${toMonth}-31`, ...(fromCut ? [`${fromMonth}-01`, `${fromMonth}-31`] : [])])
  }
  return sortTotals(
    [...acc.values()]
      .filter((a) => a.n > 0)
      .map((a) => ({
        group: a.group,
        measure: a.measure as TotalRow['measure'],
        category: a.category as TotalRow['category'],
        low: a.low,
        high: a.unbounded > 0 ? null : a.high,
        incidents: a.n,
      })),
  )
}

/** Orders totals by group (none last), measure, category, comparing code units so both stores sort alike. */
export function sortTotals(rows: TotalRow[]): TotalRow[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  return rows.sort(
    (a, b) =>
      (a.group === null ? 1 : 0) - (b.group === null ? 1 : 0) ||
      cmp(a.group ?? '', b.group ?? '') ||
      cmp(a.measure, b.measure) ||
      cmp(a.category, b.category),
  )
}
