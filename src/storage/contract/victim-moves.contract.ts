/** @module The Store contract, named victims following their claims through splits, merges and unmerges. */
import { beforeEach, describe, expect, it } from 'vitest'
import type { IncidentId } from '../../domain/ids.js'
import type { Store } from '../store.js'
import { ctx, incidentDraft } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'
import { report } from './victim-reports.js'

/** Registers the contract's tests of victims moving with their claims between incidents. */
export function victimMovesContract(fresh: FreshStore): void {
  describe('victims following their claims', () => {
    let store: Store
    let incident: IncidentId
    beforeEach(async () => {
      store = fresh.store
      incident = (await store.incidents.create(incidentDraft('2013-11-01'), ctx)).id
    })

    it('moves victims with their claims when claims are split off, keeping an editor’s corrections', async () => {
      const a = await report(store, 'Gul Rahman and Wali Khan were killed.', ['Gul Rahman', 'Wali Khan'])
      const b = await report(store, 'Gul Rehman died.', ['Gul Rehman'])
      await store.incidents.link([a, b], incident, 'test', ctx)
      const [gul, wali] = await store.victims.listForIncident(incident)
      await store.victims.review(wali!.id, 'accepted', ctx)
      const other = (await store.incidents.create(incidentDraft('2013-11-01'), ctx)).id
      await store.incidents.link([a], other, 'split', ctx)
      // Wali Khan is named only by the moved claim: the record moves whole, review and all.
      const moved = await store.victims.listForIncident(other)
      expect(moved.map((v) => [v.name, v.review, v.sources.length])).toEqual([
        ['Wali Khan', 'accepted', 1],
        ['Gul Rahman', 'found', 1],
      ])
      expect(moved[0]!.id).toBe(wali!.id)
      // Gul Rahman is named by both: the report that stayed keeps him here too.
      const stayed = await store.victims.listForIncident(incident)
      expect(stayed.map((v) => [v.id, v.sources.map((s) => s.claimId)])).toEqual([[gul!.id, [b]]])
    })

    it('merges incidents’ victims by name and carries an editor’s own victims along; unmerging sends reports back', async () => {
      const a = await report(store, 'Gul Rahman was killed.', ['Gul Rahman'])
      await store.incidents.link([a], incident, 'test', ctx)
      const fields = { age: null, sex: null, relation: null, fate: 'killed' } as const
      await store.victims.add(incident, { ...fields, name: 'Wali Khan' }, ctx)
      const other = (await store.incidents.create(incidentDraft('2013-11-01'), ctx)).id
      const b = await report(store, 'Gul Rehman and Zarina Bibi were killed.', ['Gul Rehman', 'Zarina Bibi'])
      await store.incidents.link([b], other, 'test', ctx)
      const own = await store.victims.add(other, { ...fields, name: 'Samira Hadi', age: 12, sex: 'female' }, ctx)
      const dup = await store.victims.add(other, { ...fields, name: 'Wali Khan' }, ctx)
      const gulRehman = (await store.victims.listForIncident(other))[0]!
      await store.incidents.merge(other, incident, ctx)
      const merged = await store.victims.listForIncident(incident)
      expect(merged.map((v) => [v.name, v.sources.length])).toEqual([
        ['Gul Rahman', 2],
        ['Wali Khan', 0],
        ['Zarina Bibi', 1],
        ['Samira Hadi', 0],
      ])
      expect(await store.victims.listForIncident(other)).toEqual([])
      expect(await store.victims.get(dup.id)).toMatchObject({ status: 'merged', mergedInto: merged[1]!.id })
      expect(await store.victims.get(gulRehman.id)).toMatchObject({ status: 'merged', mergedInto: merged[0]!.id })
      expect((await store.victims.get(own.id))?.incidentId).toBe(incident)
      await store.incidents.unmerge(other, ctx)
      // The record of Gul Rehman the merge absorbed comes back; the editor's own victims stay where the merge put them.
      expect((await store.victims.listForIncident(other)).map((v) => [v.id, v.name, v.sources.map((s) => s.claimId)])).toEqual([
        [gulRehman.id, 'Gul Rehman', [b]],
        [merged[2]!.id, 'Zarina Bibi', [b]],
      ])
      expect((await store.victims.listForIncident(incident)).map((v) => [v.name, v.sources.length])).toEqual([
        ['Gul Rahman', 1],
        ['Wali Khan', 0],
        ['Samira Hadi', 0],
      ])
    })
  })
}
