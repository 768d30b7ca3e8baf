/**
 * @module The timeline: people killed per month as low–high bands, one small chart per category, over the whole
 * filtered period; each band opens the list of the incidents behind it (the filters, narrowed to its month).
 * Incidents not dated within one month are listed per year beside each chart, never put into the month they start.
 * Charts are drawn at the width they are shown at, so their labels stay readable on a phone.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Category } from '../../../src/domain/index.js'
import { bandsFromTotals, periodOf, yearBandsFromTotals, type MonthBand, type YearBand } from '../bands.js'
import { api, qs, type IncidentFilter } from '../api.js'
import { ExportLinks, Filters, filterKey, readFilter } from '../filters.js'
import { ErrorNote, Title, useLoad } from '../ui.js'

/** Loads the bands from the server's monthly totals, every filter (grade included) applied by the API. */
async function loadBands(filter: IncidentFilter, signal: AbortSignal): Promise<{ bands: Map<Category, MonthBand[]>; years: Map<Category, YearBand[]> }> {
  const t = await api.totals({ ...filter, groupBy: 'month' }, signal)
  return { bands: bandsFromTotals(t.rows, { from: filter.from, to: filter.to }), years: yearBandsFromTotals(t.notByMonth) }
}

/** The timeline page. */
export function Timeline({ query }: { query: URLSearchParams }) {
  const filter = readFilter(query)
  const { data, error, loading } = useLoad((signal) => loadBands(filter, signal), filterKey(filter))
  const b = data ? data.bands : new Map<Category, MonthBand[]>()
  const years = data ? data.years : new Map<Category, YearBand[]>()
  // Category order as the bands give it, then any category that has only year-level incidents.
  const categories = [...new Set([...b.keys(), ...years.keys()])]
  return (
    <section>
      <Title>Timeline</Title>
      <p class="muted">
        People reported killed per month. The dark band runs from the sum of the lowest credible figures to the sum of the
        highest; the pale column below it is the part every source allows. A dashed arrow means some source gives no upper
        bound. Incidents not dated within one month (dated only to a year, or to dates in more than one month) are in
        no month: under each chart they are summed per year, as “not dated to a month”.
      </p>
      <Filters key={filterKey(filter)} value={filter} path="/timeline" />
      <ExportLinks value={filter} />
      <ErrorNote error={error} />
      {loading && <p aria-live="polite">Loading…</p>}
      {data && categories.length === 0 && <p>No dated casualty figures match.</p>}
      <div class="charts">
        {categories.map((cat) => (
          <Chart key={cat} category={cat} rows={b.get(cat) ?? []} years={years.get(cat) ?? []} filter={filter} />
        ))}
      </div>
    </section>
  )
}

const H = 200
const PAD = { l: 44, r: 16, t: 14, b: 34 }

/** The chart's width in CSS pixels: the window's, on a phone, so one unit of the drawing is one pixel and 12 px text stays 12 px. */
function useChartWidth(): number {
  const measure = (): number => Math.max(300, Math.min(640, (typeof window === 'undefined' ? 640 : window.innerWidth) - 48))
  const [w, setW] = useState(measure)
  useEffect(() => {
    const on = (): void => setW(measure())
    window.addEventListener('resize', on)
    return () => window.removeEventListener('resize', on)
  }, [])
  return w
}

/** The incidents list for the filter narrowed to a month or a year. */
const listOf = (filter: IncidentFilter, monthOrYear: string): string => `/incidents${qs({ ...(filter as Record<string, string>), ...periodOf(monthOrYear) })}`

/** "3–5", "at least 3", "4". */
const rangeText = (r: { low: number; high: number | null }): string => (r.high === null ? `at least ${r.low}` : r.low === r.high ? `${r.low}` : `${r.low}–${r.high}`)

function Chart({ category, rows, years, filter }: { category: Category; rows: MonthBand[]; years: YearBand[]; filter: IncidentFilter }) {
  const W = useChartWidth()
  // Room above the highest bound, so an open (unbounded) top still shows as an arrow going up.
  const top = Math.max(1, ...rows.map((r) => (r.high === null ? Math.ceil(r.low * 1.4) + 1 : r.high)))
  const n = rows.length
  const step = (W - PAD.l - PAD.r) / Math.max(1, n)
  const x = (i: number): number => PAD.l + (i + 0.5) * step
  const y = (v: number): number => H - PAD.b - (v / top) * (H - PAD.t - PAD.b)
  const bw = Math.max(3, Math.min(28, step * 0.7))
  const ticks = [0, Math.round(top / 2), top]
  // About one label per 80 px; past a year of months, only Januaries, as the year.
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(2, Math.floor((W - PAD.l - PAD.r) / 80))))
  const byYear = labelEvery >= 6
  const label = (r: MonthBand, i: number): string | null =>
    byYear ? (r.month.endsWith('-01') && Math.floor(i / 12) % Math.max(1, Math.round(labelEvery / 12)) === 0 ? r.month.slice(0, 4) : null) : i % labelEvery === 0 ? r.month : null
  const id = `chart-${category}`
  return (
    <figure class="card chart">
      <figcaption id={id}>
        <strong>{category}</strong> killed per month
      </figcaption>
      {n > 0 && <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby={id} preserveAspectRatio="xMidYMid meet" style={{ maxWidth: `${W}px` }}>
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
          // The pale column is what every source agrees on (up to the low); the dark band is the disagreement.
          const h = Math.max(3, y(r.low) - y(hi))
          return (
            <a key={r.month} href={listOf(filter, r.month)} class={`band cat-${category}`} aria-label={`${r.month}: ${rangeText(r)} killed, ${r.incidents} ${r.incidents === 1 ? 'incident' : 'incidents'}; open them`}>
              <title>
                {r.month}: {rangeText(r)} killed, {r.incidents} incidents (open them)
              </title>
              {/* A column the full height of the chart: a thin band is still easy to hit, with a finger too. */}
              <rect class="hit" x={x(i) - step / 2} y={PAD.t} width={step} height={H - PAD.t - PAD.b} />
              <rect class="floor" x={x(i) - bw / 2} y={y(r.low)} width={bw} height={Math.max(0, y(0) - y(r.low))} />
              <rect x={x(i) - bw / 2} y={y(hi) - (h > y(r.low) - y(hi) ? 1.5 : 0)} width={bw} height={h} rx={1.5} />
              {r.high === null && (
                <>
                  <line x1={x(i)} x2={x(i)} y1={y(hi)} y2={PAD.t + 4} class="open-top" />
                  <path d={`M${x(i) - 4},${PAD.t + 8} L${x(i)},${PAD.t} L${x(i) + 4},${PAD.t + 8}`} class="open-top" fill="none" />
                </>
              )}
            </a>
          )
        })}
        {rows.map((r, i) => {
          const t = label(r, i)
          return t === null ? null : (
            <text key={r.month} x={x(i)} y={H - PAD.b + 16} text-anchor="middle" class="axis">
              {t}
            </text>
          )
        })}
      </svg>}
      {years.length > 0 && (
        <div class="not-by-month">
          <span id={`${id}-years`}>Not dated to a month (in no month above), by year:</span>
          <ul aria-labelledby={`${id}-years`}>
            {years.map((y) => (
              <li key={y.year} class={`year-band cat-${category}`}>
                <a href={listOf(filter, y.year)}>
                  <strong>{y.year}</strong> {rangeText(y)} killed, {y.incidents} {y.incidents === 1 ? 'incident' : 'incidents'}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
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
                  <td>
                    <a href={listOf(filter, r.month)}>{r.month}</a>
                  </td>
                  <td class="num">{r.low}</td>
                  <td class="num">{r.high ?? 'no bound'}</td>
                  <td class="num">{r.incidents}</td>
                </tr>
              ))}
            {years.map((y) => (
              <tr key={y.year}>
                <td>{y.year} (not dated to a month)</td>
                <td class="num">{y.low}</td>
                <td class="num">{y.high ?? 'no bound'}</td>
                <td class="num">{y.incidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
