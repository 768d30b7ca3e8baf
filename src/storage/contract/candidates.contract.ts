/** @module The Store contract, candidate incidents near a date for a claim. */
import { beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../domain/dates.js'
import type { IncidentId } from '../../domain/ids.js'
import { type CandidateQuery, type Store } from '../store.js'
import { ctx, draft, incidentDraft, sourceInput, SPAN_LENGTHS } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of candidate incidents near a date for a claim. */
export function candidatesContract(fresh: FreshStore): void {
  describe('incidents', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('finds candidates near a date, nearest first, within the country', async () => {
      const near = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
      const exact = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const nowhere = await store.incidents.create(incidentDraft('2013-11-01', null), ctx)
      await store.incidents.create(incidentDraft('2013-11-01', 'YE'), ctx)
      await store.incidents.create(incidentDraft('2013-12-01'), ctx)
      const got = await store.incidents.candidates({ date: { start: '2013-11-01', end: '2013-11-01', precision: 'day' }, country: 'PK' })
      expect(got.map((i) => i.id)).toEqual([exact.id, nowhere.id].sort().concat(near.id))
      expect(await store.incidents.candidates({ date: { start: null, end: null, precision: null } })).toEqual([])
    })

    it('finds every incident overlapping the widened days, whatever the length of its period, also after its dates change', async () => {
      // Periods of one day to decades, read through ranges per span class: each must still be found exactly when
      // it overlaps, as a scan of every incident would find it.
      const made: { id: IncidentId; start: string; last: string }[] = []
      for (const [i, len] of SPAN_LENGTHS.entries()) {
        const start = addDays('2010-06-15', -len + (i % 3))
        const last = addDays(start, len)
        const inc = await store.incidents.create(incidentDraft(start, 'PK', { date: { start, end: last, precision: len === 0 ? 'day' : 'span' } }), ctx)
        made.push({ id: inc.id, start, last })
      }
      // One moved: its class changes with its length.
      const moved = made[2]!
      await store.incidents.update(moved.id, { date: { start: '2009-01-01', end: '2010-06-10', precision: 'span' } }, ctx)
      made[2] = { id: moved.id, start: '2009-01-01', last: '2010-06-10' }
      for (const day of ['2010-06-13', '2010-06-15', '2010-06-20', '2010-05-01', '2009-02-01', '1950-01-01']) {
        const lo = addDays(day, -3), hi = addDays(day, 3)
        const want = made.filter((m) => m.start <= hi && m.last >= lo).map((m) => m.id).sort()
        const got = await store.incidents.candidates({ date: { start: day, end: day, precision: 'day' }, country: 'PK', limit: 100 })
        expect(got.map((i) => i.id).sort(), day).toEqual(want)
      }
      // Read together, the same incidents for every day.
      const days = ['2010-06-13', '2010-06-15', '2010-06-20', '2010-05-01', '2009-02-01', '1950-01-01']
      const together = await store.incidents.candidateIds(days.map((day) => ({ date: { start: day, end: day, precision: 'day' as const }, country: 'PK', limit: 100 })))
      for (const [k, day] of days.entries()) {
        const lo = addDays(day, -3), hi = addDays(day, 3)
        expect([...together[k]!].sort(), day).toEqual(made.filter((m) => m.start <= hi && m.last >= lo).map((m) => m.id).sort())
      }
    })

    it('reads candidates for many queries together exactly as one query at a time answers each, in its order', async () => {
      // Seeded incidents over two years in three countries (and none), some spanning days to months, a few merged;
      // queries near each other and far apart, with and without a country, a slack and a short limit.
      let seed = 11
      const rand = (k: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % k
      const made: IncidentId[] = []
      for (let i = 0; i < 120; i++) {
        const start = addDays('2011-01-01', rand(730))
        const end = rand(4) === 0 ? addDays(start, rand(90)) : start
        const inc = await store.incidents.create({ ...incidentDraft(start, [null, 'PK', 'YE', 'SO'][rand(4)]), date: { start, end, precision: start === end ? 'day' : 'span' } }, ctx)
        made.push(inc.id)
      }
      for (let i = 0; i < 6; i++) await store.incidents.merge(made[i * 2]!, made[i * 2 + 1]!, ctx)
      const queries: CandidateQuery[] = [{ date: { start: null, end: null, precision: null } }]
      for (let i = 0; i < 40; i++) {
        const start = addDays('2010-12-01', rand(800))
        const end = rand(3) === 0 ? addDays(start, rand(40)) : start
        queries.push({
          date: { start: rand(6) === 0 ? null : start, end, precision: 'day' },
          country: [null, undefined, 'PK', 'YE'][rand(4)],
          ...(rand(3) === 0 ? { days: rand(10) } : {}),
          ...(rand(3) === 0 ? { limit: 1 + rand(4) } : {}),
        })
      }
      const together = await store.incidents.candidateIds(queries)
      expect(together).toHaveLength(queries.length)
      let found = 0
      for (const [k, q] of queries.entries()) {
        const alone = (await store.incidents.candidates(q)).map((i) => i.id)
        expect(together[k], JSON.stringify(q)).toEqual(alone)
        found += alone.length
      }
      // Not a comparison of empty answers.
      expect(found).toBeGreaterThan(50)
      expect(await store.incidents.candidateIds([])).toEqual([])
    })

    it('names the extractors of each incident’s claims, and reads incidents by id in the order asked', async () => {
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
      const none = await store.incidents.create(incidentDraft('2013-11-03'), ctx)
      const text = 'A drone strike killed five people. Officials said three were militants.'
      const src = (await store.sources.add(sourceInput(text), ctx)).source
      const [c1, c2, c3] = await store.claims.addForSource(src.id, [draft(text, 0, 34, { extractor: 'import:acled' }), draft(text, 35, 71), draft(text, 0, 20, { extractor: 'import:acled', min: 4, max: 4 })], ctx)
      await store.incidents.link([c1!.id, c2!.id], a.id, 'test', ctx)
      await store.incidents.link([c3!.id], b.id, 'test', ctx)
      const got = await store.incidents.extractorsOf([a.id, b.id, none.id, a.id])
      expect(Object.fromEntries(got)).toEqual({ [a.id]: ['import:acled', 'rules@1.0.0'], [b.id]: ['import:acled'] })
      expect((await store.incidents.getMany([b.id, 'inc_missing' as IncidentId, a.id, b.id])).map((i) => i.id)).toEqual([b.id, a.id])
    })
  })
}
