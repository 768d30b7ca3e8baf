/** @module The Store contract, totals, and lists checked against every incident for any filter. */
import { beforeEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../domain/incident.js'
import { type Store } from '../store.js'
import { ctx, figure, incidentDraft } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'
import { FILTERS, matches, randomIncidents, type TestFilter } from './random-incidents.js'

/** Registers the contract's tests of totals, and lists checked against every incident for any filter. */
export function totalsContract(fresh: FreshStore): void {
  describe('totals and lists', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('sums totals by year, month, country and actor', async () => {
      const a = await store.incidents.create(incidentDraft('2012-03-01', 'PK'), ctx)
      const b = await store.incidents.create(incidentDraft('2012-07-01', 'YE'), ctx)
      const c = await store.incidents.create(incidentDraft('2013-01-05', 'PK'), ctx)
      await store.incidents.setFigures(a.id, [figure('total', 3, 5), figure('civilians', 1, 2)])
      await store.incidents.setFigures(b.id, [figure('total', 2, null)])
      await store.incidents.setFigures(c.id, [figure('total', 4, 4)])
      expect(await store.totals('year')).toEqual([
        { group: '2012', measure: 'killed', category: 'civilians', low: 1, high: 2, incidents: 1 },
        { group: '2012', measure: 'killed', category: 'total', low: 5, high: null, incidents: 2 },
        { group: '2013', measure: 'killed', category: 'total', low: 4, high: 4, incidents: 1 },
      ])
      expect(await store.totals('country', { category: 'total' })).toEqual([
        { group: 'PK', measure: 'killed', category: 'total', low: 7, high: 9, incidents: 2 },
        { group: 'YE', measure: 'killed', category: 'total', low: 2, high: null, incidents: 1 },
      ])
      expect((await store.totals('month', { from: '2012-06-01' })).map((r) => r.group)).toEqual(['2012-07', '2013-01'])
      expect((await store.totals('actor', { country: 'PK', category: 'total' }))[0]).toMatchObject({ group: 'United States', low: 7 })
    })

    it('sums an incident dated only to a year, or to dates in two months, under its year when grouping by month', async () => {
      const day = await store.incidents.create(incidentDraft('2012-03-01', 'PK'), ctx)
      const year = await store.incidents.create({ ...incidentDraft('2012-01-01', 'PK'), date: { start: '2012-01-01', end: '2012-12-31', precision: 'year' } }, ctx)
      const span = await store.incidents.create({ ...incidentDraft('2012-02-15', 'YE'), date: { start: '2012-02-15', end: '2012-03-02', precision: 'span' } }, ctx)
      const month = await store.incidents.create({ ...incidentDraft('2012-05-01', 'YE'), date: { start: '2012-05-01', end: '2012-05-31', precision: 'month' } }, ctx)
      await store.incidents.setFigures(day.id, [figure('total', 3, 5)])
      await store.incidents.setFigures(year.id, [figure('total', 10, 12)])
      await store.incidents.setFigures(span.id, [figure('total', 1, null)])
      await store.incidents.setFigures(month.id, [figure('total', 2, 2)])
      const row = (group: string, low: number, high: number | null, incidents: number) => ({ group, measure: 'killed', category: 'total', low, high, incidents })
      expect(await store.totals('month')).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1), row('2012-05', 2, 2, 1)])
      // Nothing lands in January, with or without a date filter (the full-scan path answers a casualty threshold).
      expect(await store.totals('month', { from: '2012-01-01', to: '2012-12-31' })).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1), row('2012-05', 2, 2, 1)])
      expect(await store.totals('month', { from: '2012-03-01', to: '2012-03-31' })).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1)])
      expect(await store.totals('month', { minCasualties: 1 })).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1), row('2012-05', 2, 2, 1)])
      expect(await store.totals('year')).toEqual([row('2012', 16, null, 4)])
    })

    it('gives the same totals as summing every figure, for any filter, after updates and merges', async () => {
      const all = await randomIncidents(store)
      const expected = (g: 'year' | 'month' | 'country' | 'actor', f: TestFilter): unknown[] => {
        const acc = new Map<string, { group: string | null; measure: string; category: string; low: number; high: number | null; incidents: number }>()
        for (const inc of all) {
          if (inc.status !== 'active' || !matches(inc, f)) continue
          const withinMonth = inc.date.start?.slice(0, 7) === (inc.date.end ?? inc.date.start)?.slice(0, 7)
          const month = inc.date.start?.slice(0, withinMonth ? 7 : 4) ?? null
          const group = g === 'year' ? (inc.date.start?.slice(0, 4) ?? null) : g === 'month' ? month : g === 'country' ? (inc.place?.country ?? null) : inc.actor
          for (const fig of inc.figures) {
            if (f.category !== undefined && fig.category !== f.category) continue
            const k = `${group}|${fig.measure}|${fig.category}`
            const a = acc.get(k) ?? { group, measure: fig.measure, category: fig.category, low: 0, high: 0, incidents: 0 }
            a.low += fig.min ?? 0
            a.high = a.high === null || fig.max === null ? null : a.high + fig.max
            a.incidents++
            acc.set(k, a)
          }
        }
        // NUL after the group, so a year ("2012") sorts before its months ("2012-01") as the stores sort it.
        const key = (r: { group: string | null; measure: string; category: string }): string => `${r.group === null ? '\uffff' : r.group}\u0000${r.measure}|${r.category}`
        return [...acc.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1))
      }
      for (const f of FILTERS) {
        for (const g of ['year', 'month', 'country', 'actor'] as const) {
          expect(await store.totals(g, f), `${g} ${JSON.stringify(f)}`).toEqual(expected(g, f))
        }
      }
    })

    it('lists the same incidents as checking each one, for any filter and sort, after updates and merges', async () => {
      const all = await randomIncidents(store)
      const active = all.filter((i) => i.status === 'active')
      const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0)
      // Undated incidents sort last both ways; ties break on id.
      const byDate = (dir: 1 | -1) => (a: Incident, b: Incident): number =>
        cmp(a.date.start === null ? 1 : 0, b.date.start === null ? 1 : 0) || dir * cmp(a.date.start ?? '', b.date.start ?? '') || dir * cmp(a.id, b.id)
      const killedHigh = (i: Incident): number => Math.max(-1, ...i.figures.filter((g) => g.measure === 'killed').map((g) => g.max ?? Number.MAX_SAFE_INTEGER))
      const sorts = {
        date: byDate(1),
        '-date': byDate(-1),
        '-killed': (a: Incident, b: Incident): number => cmp(killedHigh(b), killedHigh(a)) || byDate(1)(a, b),
      }
      for (const f of FILTERS) {
        const want = active.filter((i) => matches(i, f))
        for (const [sort, order] of Object.entries(sorts) as [keyof typeof sorts, (a: Incident, b: Incident) => number][]) {
          const ids = [...want].sort(order).map((i) => i.id)
          const page = await store.incidents.list(f, { limit: 7, offset: 3 }, sort)
          expect({ f, sort, total: page.total, ids: page.items.map((i) => i.id) }).toEqual({ f, sort, total: ids.length, ids: ids.slice(3, 10) })
        }
      }
      expect(active.length).toBeGreaterThan(50)
      expect(FILTERS.filter((f) => !active.some((i) => matches(i, f)))).toEqual([])
    })
  })
}
