/** @module The Store contract, map points: every incident matching a filter, with its place and killed low and high. */
import { beforeEach, describe, expect, it } from 'vitest'
import { type Store } from '../store.js'
import { ctx, figure, incidentDraft } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of map points. */
export function mapPointsContract(fresh: FreshStore): void {
  describe('map points', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('gives every matching incident as a map point, with its place and killed low and high (open high as null)', async () => {
      const village = { name: 'Datta Khel', admin1: 'North Waziristan', country: 'PK', lat: 32.95, lon: 69.85, precision: 'locality' as const }
      const a = await store.incidents.create(incidentDraft('2012-05-01', 'PK', { place: village }), ctx)
      const b = await store.incidents.create(incidentDraft('2012-06-01', 'PK'), ctx)
      const c = await store.incidents.create(incidentDraft('2012-07-01', 'YE'), ctx)
      const merged = await store.incidents.create(incidentDraft('2012-07-02', 'YE'), ctx)
      await store.incidents.setFigures(a.id, [figure('total', 3, 5), figure('civilians', 4, 4)])
      await store.incidents.setFigures(b.id, [figure('total', 2, null)])
      await store.incidents.merge(merged.id, c.id, ctx)
      const all = await store.incidents.mapPoints({ from: '2012-01-01', to: '2012-12-31' })
      expect(new Set(all.map((p) => p.id))).toEqual(new Set([a.id, b.id, c.id]))
      const byId = new Map(all.map((p) => [p.id, p]))
      // The low is the highest low of any killed category (4 civilians), the high the highest high.
      expect(byId.get(a.id)).toEqual({ id: a.id, place: expect.objectContaining(village), killedLow: 4, killedHigh: 5 })
      expect(byId.get(b.id)).toMatchObject({ killedLow: 2, killedHigh: null, place: { precision: 'country', country: 'PK' } })
      expect(byId.get(c.id)).toMatchObject({ killedLow: null, killedHigh: null })
      expect((await store.incidents.mapPoints({ country: 'YE', from: '2012-01-01', to: '2012-12-31' })).map((p) => p.id)).toEqual([c.id])
      expect((await store.incidents.mapPoints({ from: '2012-01-01', to: '2012-12-31', category: 'civilians', minCasualties: 4 })).map((p) => p.id)).toEqual([a.id])
    })

    it('gives a region-level place, a figure with no low, an injured-only incident and an undated one as stored', async () => {
      const region = { name: null, admin1: 'Shabwah', country: 'YE', lat: 14.75, lon: 46.83, precision: 'region' as const }
      const r = await store.incidents.create(incidentDraft('2013-02-01', 'YE', { place: region }), ctx)
      const hurt = await store.incidents.create(incidentDraft('2013-03-01', 'SO'), ctx)
      const undated = await store.incidents.create({ ...incidentDraft('2013-01-01', null), date: { start: null, end: null, precision: null } }, ctx)
      // A killed figure with no low counts as 0 killed at least; injured figures give no killed range at all.
      await store.incidents.setFigures(r.id, [figure('total', null, 7), figure('militants', 1, 2)])
      await store.incidents.setFigures(hurt.id, [figure('total', 3, 3, 'injured')])
      const byId = new Map((await store.incidents.mapPoints({})).map((p) => [p.id, p]))
      expect(byId.get(r.id)).toEqual({ id: r.id, place: expect.objectContaining(region), killedLow: 1, killedHigh: 7 })
      expect(byId.get(hurt.id)).toEqual({ id: hurt.id, place: expect.objectContaining({ country: 'SO', precision: 'country', lat: null, lon: null }), killedLow: null, killedHigh: null })
      expect(byId.get(undated.id)).toEqual({ id: undated.id, place: null, killedLow: null, killedHigh: null })
      // A lower date bound leaves the undated incident out, as the list does.
      expect((await store.incidents.mapPoints({ from: '2013-01-01' })).map((p) => p.id).sort()).toEqual([r.id, hurt.id].sort())
    })
  })
}
