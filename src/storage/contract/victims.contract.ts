/** @module The Store contract, named victims: mentions that wait for their claims, one victim per person across reports, editors' changes, search. */
import { beforeEach, describe, expect, it } from 'vitest'
import { hasCode } from '../../domain/errors.js'
import type { IncidentId } from '../../domain/ids.js'
import { possiblySamePeople } from '../../domain/victim-match.js'
import type { Store } from '../store.js'
import { ctx, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'
import { names, report } from './victim-reports.js'

/** Registers the contract's tests of named victims: recording, editing and finding them. */
export function victimsContract(fresh: FreshStore): void {
  describe('victims', () => {
    let store: Store
    let incident: IncidentId
    beforeEach(async () => {
      store = fresh.store
      incident = (await store.incidents.create(incidentDraft('2013-11-01'), ctx)).id
    })

    it('keeps a mention until its claim is linked, then lists a found victim with its source, name span and quote', async () => {
      const text = 'Gul Rahman and Abdul Wahid were killed in the strike.'
      const claim = await report(store, text, ['Gul Rahman', 'Abdul Wahid'], { age: 40 })
      expect(await store.victims.listForIncident(incident)).toEqual([])
      await store.incidents.link([claim], incident, 'test', ctx)
      const vs = await store.victims.listForIncident(incident)
      expect(names(vs)).toEqual(['Gul Rahman', 'Abdul Wahid'])
      expect(vs[0]).toMatchObject({ incidentId: incident, nameKey: 'gul rahman', age: 40, fate: 'killed', review: 'found', status: 'active' })
      expect(vs[1]!.sources).toEqual([{ sourceId: expect.any(String), claimId: claim, name: 'Abdul Wahid', span: { start: 15, end: 26 }, quote: text }])
      expect((await store.revisions.list({ entityType: 'victim', entityId: vs[0]!.id })).items.map((r) => r.action)).toEqual(['named', 'create'])
    })

    it('makes one victim of one person named by two reports in two spellings, and two of two people sharing a first name', async () => {
      const a = await report(store, 'Mohammed Hussein was killed.', ['Mohammed Hussein'])
      const b = await report(store, 'Relatives said Muhammad Husain, 34, died in the strike.', ['Muhammad Husain'], { age: 34, relation: 'a farmer' })
      const c = await report(store, 'Mohammed Rafiq was killed.', ['Mohammed Rafiq'])
      await store.incidents.link([a, b, c], incident, 'test', ctx)
      const vs = await store.victims.listForIncident(incident)
      expect(names(vs)).toEqual(['Mohammed Hussein', 'Mohammed Rafiq'])
      // The second report fills in what the first left out, never overwriting it.
      expect(vs[0]).toMatchObject({ age: 34, relation: 'a farmer' })
      expect(vs[0]!.sources.map((s) => [s.claimId, s.name])).toEqual([
        [a, 'Mohammed Hussein'],
        [b, 'Muhammad Husain'],
      ])
    })

    it('takes a name with and without a middle name as one person only when age agrees and the reports differ', async () => {
      // Two reports, ages that agree: one person, named both ways.
      const a = await report(store, 'Mohammad Ali Khan, 34, was killed.', ['Mohammad Ali Khan'], { age: 34 })
      const b = await report(store, 'Relatives named the dead man as Muhammad Khan.', ['Muhammad Khan'])
      await store.incidents.link([a, b], incident, 'test', ctx)
      const one = await store.victims.listForIncident(incident)
      expect(one.map((v) => [v.name, v.age, v.sources.map((s) => s.name)])).toEqual([['Mohammad Ali Khan', 34, ['Mohammad Ali Khan', 'Muhammad Khan']]])
      expect(possiblySamePeople(one)).toEqual([])

      // Ages that differ: two records, offered to an editor as possibly one person.
      const other = (await store.incidents.create(incidentDraft('2013-11-02'), ctx)).id
      const c = await report(store, 'Gul Wazir Khan, 40, was killed.', ['Gul Wazir Khan'], { age: 40 })
      const d = await report(store, 'Gul Khan, 12, was killed.', ['Gul Khan'], { age: 12 })
      await store.incidents.link([c, d], other, 'test', ctx)
      const two = await store.victims.listForIncident(other)
      expect(names(two)).toEqual(['Gul Wazir Khan', 'Gul Khan'])
      expect(possiblySamePeople(two).map((s) => s.victims)).toEqual([[two[0]!.id, two[1]!.id]])

      // One report naming both names: two people, and nothing to suggest.
      const third = (await store.incidents.create(incidentDraft('2013-11-03'), ctx)).id
      const e = await report(store, 'Noor Ali Zaman and Noor Zaman were killed.', ['Noor Ali Zaman', 'Noor Zaman'])
      await store.incidents.link([e], third, 'test', ctx)
      const both = await store.victims.listForIncident(third)
      expect(names(both)).toEqual(['Noor Ali Zaman', 'Noor Zaman'])
      expect(possiblySamePeople(both)).toEqual([])
    })

    it('adds nothing when a source is processed again', async () => {
      const text = 'Gul Rahman was killed.'
      const claim = await report(store, text, ['Gul Rahman'])
      await store.incidents.link([claim], incident, 'test', ctx)
      const { source } = await store.sources.add(sourceInput(text), ctx)
      await store.victims.addMentions(source.id, [{ claimId: claim, name: 'Gul Rahman', age: null, sex: null, relation: null, fate: 'killed', span: { start: 0, end: 10 } }], ctx)
      const vs = await store.victims.listForIncident(incident)
      expect(vs.map((v) => v.sources.length)).toEqual([1])
    })

    it('lets an editor add, edit, accept, reject and remove victims, each a revision with its reason', async () => {
      const added = await store.victims.add(incident, { name: 'Nabila Rehman', age: 8, sex: 'female', relation: 'granddaughter', fate: 'injured' }, { actor: 'ed', why: 'named by her family' })
      expect(added).toMatchObject({ review: 'accepted', status: 'active', nameKey: 'nabila rahman', sources: [] })
      const edited = await store.victims.edit(added.id, { age: 9, name: 'Nabeela Rehman' }, { actor: 'ed', why: 'her school record' })
      expect(edited).toMatchObject({ age: 9, name: 'Nabeela Rehman', nameKey: 'nabila rahman', sex: 'female' })
      expect(await store.victims.edit(added.id, { age: 9 }, ctx)).toEqual(edited)
      expect((await store.victims.review(added.id, 'rejected', { actor: 'ed', why: 'not there' })).review).toBe('rejected')
      expect((await store.victims.remove(added.id, { actor: 'ed', why: 'duplicate entry' })).status).toBe('removed')
      expect(await store.victims.listForIncident(incident)).toEqual([])
      expect((await store.victims.listForIncident(incident, { removed: true })).map((v) => v.id)).toEqual([added.id])
      const history = (await store.revisions.list({ entityType: 'victim', entityId: added.id })).items
      expect(history.map((r) => [r.action, r.why])).toEqual([
        ['remove', 'duplicate entry'],
        ['review', 'not there'],
        ['edit', 'her school record'],
        ['create', 'named by her family'],
      ])
      expect(history[2]).toMatchObject({ before: { name: 'Nabila Rehman', age: 8 }, after: { name: 'Nabeela Rehman', age: 9 } })
    })

    it('refuses a victim for an unknown or merged incident, an empty name, or a cited claim of another incident', async () => {
      const err = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e)
      const fields = { name: 'Gul Rahman', age: null, sex: null, relation: null, fate: 'killed' } as const
      expect(hasCode(await err(store.victims.add('inc_missing' as IncidentId, fields, ctx)), 'not_found')).toBe(true)
      expect(hasCode(await err(store.victims.add(incident, { ...fields, name: ' - ' }, ctx)), 'invalid_value')).toBe(true)
      const claim = await report(store, 'Gul Rahman was killed.', [])
      expect(hasCode(await err(store.victims.add(incident, fields, ctx, claim)), 'conflict')).toBe(true)
      await store.incidents.link([claim], incident, 'test', ctx)
      const cited = await store.victims.add(incident, fields, ctx, claim)
      expect(cited.sources.map((s) => s.claimId)).toEqual([claim])
      const other = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
      await store.incidents.merge(other.id, incident, ctx)
      expect(hasCode(await err(store.victims.add(other.id, fields, ctx)), 'conflict')).toBe(true)
      expect(hasCode(await err(store.victims.edit('vic_missing' as never, { age: 3 }, ctx)), 'not_found')).toBe(true)
    })

    it('refuses an editor’s second victim of the same name in one incident', async () => {
      const fields = { age: null, sex: null, relation: null, fate: 'killed' } as const
      const first = await store.victims.add(incident, { ...fields, name: 'Mohammed Hussein' }, ctx)
      const e = await store.victims.add(incident, { ...fields, name: 'Muhammad Husain' }, ctx).then(() => null, (x: unknown) => x)
      expect(hasCode(e, 'conflict')).toBe(true)
      expect((e as { details?: unknown }).details).toMatchObject({ victimId: first.id })
    })

    it('finds victims by the words of their names, in any transliteration, leaving out rejected ones and merged incidents', async () => {
      const a = await report(store, 'Mohammed Hussein and Zarina Bibi were killed.', ['Mohammed Hussein', 'Zarina Bibi'])
      await store.incidents.link([a], incident, 'test', ctx)
      expect(names((await store.victims.search('Muhammad Husain')).items)).toEqual(['Mohammed Hussein'])
      expect(names((await store.victims.search('husa')).items)).toEqual(['Mohammed Hussein'])
      expect((await store.victims.search('bibi')).total).toBe(1)
      expect((await store.victims.search('Rafiq')).items).toEqual([])
      expect((await store.victims.search('%')).items).toEqual([])
      const zarina = (await store.victims.listForIncident(incident))[1]!
      await store.victims.review(zarina.id, 'rejected', ctx)
      expect((await store.victims.search('Zarina')).items).toEqual([])
      const into = (await store.incidents.create(incidentDraft('2013-11-01'), ctx)).id
      await store.incidents.merge(incident, into, ctx)
      expect(names((await store.victims.search('Hussein')).items)).toEqual(['Mohammed Hussein'])
      expect((await store.victims.search('Hussein')).items[0]!.incidentId).toBe(into)
    })
  })
}
