/** @module The Store contract, candidate incidents near a date for a claim. */
import { beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../domain/dates.js'
import type { IncidentId } from '../../domain/ids.js'
import { type Store } from '../store.js'
import { ctx, incidentDraft, SPAN_LENGTHS } from './fixtures.js'
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
    })
  })
}
