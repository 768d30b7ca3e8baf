/** @module The timeline: people killed per month as low–high bands, one small chart per category. */
import type { Category, Incident } from '../../../src/domain/index.js'
import { allIncidents } from '../all-incidents.js'
import { api, type IncidentFilter, type TotalRow } from '../api.js'
import { Filters, filterKey, readFilter } from '../filters.js'
import { ErrorNote, Title, useLoad } from '../ui.js'

/** Per month: the sum of the lows, the sum of the highs (null when some high is unbounded), and how many incidents. */
export interface MonthBand {
  readonly month: string
  readonly low: number
  readonly high: number | null
  readonly incidents: number
}

const ORDER: Category[] = ['total', 'civilians', 'children', 'women', 'militants', 'security', 'unknown']

/** Months from `a` to `b` inclusive, as YYYY-MM. */
function months(a: string, b: string): string[] {
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

/** Bands per category for the `killed` measure, over every month from the first incident to the last. */
export function bands(incidents: readonly Incident[]): Map<Category, MonthBand[]> {
  const acc = new Map<Category, Map<string, { low: number; high: number | null; incidents: number }>>()
  let first: string | null = null
  let last: string | null = null
  for (const i of incidents) {
    const month = (i.date.start ?? i.date.end)?.slice(0, 7)
    if (!month) continue
    if (!first || month < first) first = month
    if (!last || month > last) last = month
    for (const f of i.figures) {
      if (f.measure !== 'killed') continue
      const per = acc.get(f.category) ?? new Map()
      acc.set(f.category, per)
      const b = per.get(month) ?? { low: 0, high: 0, incidents: 0 }
      b.low += f.min ?? 0
      b.high = b.high === null || f.max === null ? null : b.high + f.max
      b.incidents++
      per.set(month, b)
    }
  }
  const out = new Map<Category, MonthBand[]>()
  if (!first || !last) return out
  const all = months(first, last)
  for (const c of ORDER) {
    const per = acc.get(c)
    if (!per) continue
    out.set(c, all.map((month) => ({ month, ...(per.get(month) ?? { low: 0, high: 0, incidents: 0 }) })))
  }
  return out
}

/** Bands per category from /api/totals rows grouped by month (the server sums every matching incident). */
export function bandsFromTotals(rows: readonly TotalRow[]): Map<Category, MonthBand[]> {
  const killedRows = rows.filter((r) => r.measure === 'killed' && r.group && /^\d{4}-\d{2}/.test(r.group))
  const out = new Map<Category, MonthBand[]>()
  if (killedRows.length === 0) return out
  const ms = killedRows.map((r) => r.group!.slice(0, 7)).sort()
  const all = months(ms[0]!, ms[ms.length - 1]!)
  for (const c of ORDER) {
    const mine = new Map(killedRows.filter((r) => r.category === c).map((r) => [r.group!.slice(0, 7), r]))
    if (mine.size === 0) continue
    out.set(c, all.map((month) => { const r = mine.get(month); return { month, low: r?.low ?? 0, high: r ? r.high : 0, incidents: r?.incidents ?? 0 } }))
  }
  return out
}

/** Loads the bands: server totals, or (with a grade filter, which totals lack) sums over the matching incidents. */
async function loadBands(filter: IncidentFilter): Promise<{ bands: Map<Category, MonthBand[]>; partial: string | null }> {
  if (!filter.grade) return { bands: bandsFromTotals((await api.totals({ ...filter, groupBy: 'month' })).rows), partial: null }
  const got = await allIncidents(filter)
  return { bands: bands(got.items), partial: got.items.length < got.total ? `Showing the first ${got.items.length} of ${got.total} incidents.` : null }
}

/** The timeline page. */
export function Timeline({ query }: { query: URLSearchParams }) {
  const filter = readFilter(query)
  const { data, error, loading } = useLoad(() => loadBands(filter), filterKey(filter))
  const b = data ? data.bands : new Map<Category, MonthBand[]>()
  return (
    <section>
      <Title>Timeline</Title>
      <p class="muted">
        People reported killed per month. Each band runs from the sum of the lowest credible figures to the sum of the highest; an
        open top (dashed) means some source gives no upper bound.
      </p>
      <Filters value={filter} path="/timeline" />
      <ErrorNote error={error} />
      {loading && <p aria-live="polite">Loading…</p>}
      {data && b.size === 0 && <p>No dated casualty figures match.</p>}
      {data?.partial && <p class="note">{data.partial}</p>}
      <div class="charts">
        {[...b.entries()].map(([cat, rows]) => (
          <Chart key={cat} category={cat} rows={rows} />
        ))}
      </div>
    </section>
  )
}

const W = 640
const H = 200
const PAD = { l: 44, r: 12, t: 12, b: 34 }

function Chart({ category, rows }: { category: Category; rows: MonthBand[] }) {
  const top = Math.max(1, ...rows.map((r) => (r.high ?? r.low) || 0))
  const n = rows.length
  const x = (i: number): number => PAD.l + (n === 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (n - 1))
  const y = (v: number): number => H - PAD.b - (v / top) * (H - PAD.t - PAD.b)
  const bw = Math.max(3, Math.min(24, (W - PAD.l - PAD.r) / Math.max(1, n) - 2))
  const ticks = [0, Math.round(top / 2), top]
  const labelEvery = Math.max(1, Math.ceil(n / 8))
  const id = `chart-${category}`
  return (
    <figure class="card chart">
      <figcaption id={id}>
        <strong>{category}</strong> killed per month
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={id} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} class="grid-line" />
            <text x={PAD.l - 6} y={y(t) + 4} text-anchor="end" class="axis">
              {t}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          if (r.incidents === 0) return null
          const hi = r.high ?? r.low
          const h = Math.max(2, y(r.low) - y(hi))
          return (
            <g key={r.month} class={`band cat-${category}`}>
              <title>
                {r.month}: {r.high === null ? `at least ${r.low}` : r.low === r.high ? `${r.low}` : `${r.low}–${r.high}`} killed, {r.incidents} incidents
              </title>
              <rect x={x(i) - bw / 2} y={y(hi)} width={bw} height={h} rx={2} />
              {r.high === null && <line x1={x(i)} x2={x(i)} y1={y(hi)} y2={PAD.t} class="open-top" />}
            </g>
          )
        })}
        {rows.map((r, i) =>
          i % labelEvery === 0 ? (
            <text key={r.month} x={x(i)} y={H - PAD.b + 16} text-anchor="middle" class="axis">
              {r.month}
            </text>
          ) : null,
        )}
      </svg>
      <details>
        <summary>Data table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Low</th>
              <th scope="col">High</th>
              <th scope="col">Incidents</th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => r.incidents > 0)
              .map((r) => (
                <tr key={r.month}>
                  <td>{r.month}</td>
                  <td class="num">{r.low}</td>
                  <td class="num">{r.high ?? 'no bound'}</td>
                  <td class="num">{r.incidents}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
