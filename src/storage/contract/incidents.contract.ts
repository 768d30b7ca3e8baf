/** @module The Store contract, incidents: created, listed, given figures and linked to claims. */
import { beforeEach, describe, expect, it } from 'vitest'
import { hasCode } from '../../domain/errors.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import { type Store } from '../store.js'
import { ctx, draft, figure, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of incidents: created, listed, given figures and linked to claims. */
export function incidentsContract(fresh: FreshStore): void {
  describe('incidents', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('creates, gets and updates with revisions; not_found for unknown ids', async () => {
      const inc = await store.incidents.create(incidentDraft('2013-11-01', 'PK', { target: 'Hakimullah Mehsud' }), ctx)
      expect(inc).toMatchObject({ status: 'active', figures: [], links: [], sourceCount: 0, target: 'Hakimullah Mehsud' })
      expect(await store.incidents.get(inc.id)).toEqual(inc)
      const updated = await store.incidents.update(inc.id, { grade: 'fair', victims: ['A'] }, { actor: 'ana', why: 'graded' })
      expect(updated).toMatchObject({ grade: 'fair', victims: ['A'] })
      const revs = await store.revisions.list({ entityType: 'incident', entityId: inc.id })
      expect(revs.items.map((r) => r.action)).toEqual(['update', 'create'])
      expect(revs.items[0]).toMatchObject({ before: { grade: null, victims: [] }, after: { grade: 'fair', victims: ['A'] } })
      expect(await store.incidents.get('inc_missing' as IncidentId)).toBeNull()
      const err = await store.incidents.update('inc_missing' as IncidentId, { grade: 'weak' }, ctx).catch((e: unknown) => e)
      expect(hasCode(err, 'not_found')).toBe(true)
    })

    it('keeps an editor’s notes (strike status, belligerent, summary, grade reason) as revisions, apart from filters and totals', async () => {
      const inc = await store.incidents.create(incidentDraft('2013-11-01', 'PK'), ctx)
      expect(inc).toMatchObject({ strikeStatus: null, belligerent: null, summary: null, gradeReason: null })
      const notes = { strikeStatus: 'likely', belligerent: 'United States', summary: 'A compound was hit at night.', gradeReason: 'two independent local sources' } as const
      const updated = await store.incidents.update(inc.id, { ...notes, grade: 'fair' }, { actor: 'ana', why: 'graded' })
      expect(updated).toMatchObject({ ...notes, grade: 'fair' })
      expect(await store.incidents.get(inc.id)).toMatchObject(notes)
      const listed = await store.incidents.list({ grade: 'fair', country: 'PK' }, { limit: 1000 })
      expect(listed.items.find((i) => i.id === inc.id)).toMatchObject(notes)
      // One note changed: the revision holds only it, before and after; the others stay.
      await store.incidents.update(inc.id, { strikeStatus: 'contested' }, { actor: 'ben', why: 'the ministry denies a strike' })
      const revs = await store.revisions.list({ entityType: 'incident', entityId: inc.id })
      expect(revs.items[0]).toMatchObject({ actor: 'ben', before: { strikeStatus: 'likely' }, after: { strikeStatus: 'contested' } })
      expect(Object.keys(revs.items[0]!.after as object)).toEqual(['strikeStatus'])
      expect(await store.incidents.get(inc.id)).toMatchObject({ ...notes, strikeStatus: 'contested' })
      await store.incidents.update(inc.id, { summary: null }, ctx)
      expect((await store.incidents.get(inc.id))!.summary).toBeNull()
    })

    it('lists with a stable date-then-id order, filters and paging', async () => {
      const dates = ['2013-11-01', '2012-05-03', '2013-11-01', '2014-01-09', '2013-02-02']
      const made = []
      for (const [i, d] of dates.entries()) made.push(await store.incidents.create(incidentDraft(d, i % 2 === 0 ? 'PK' : 'YE', { actor: i === 3 ? 'Other' : 'United States' }), ctx))
      const expected = [...made].sort((a, b) => (a.date.start! < b.date.start! ? -1 : a.date.start! > b.date.start! ? 1 : a.id < b.id ? -1 : 1)).map((i) => i.id)
      const all = await store.incidents.list()
      expect(all.items.map((i) => i.id)).toEqual(expected)
      expect((await store.incidents.list({}, {}, '-date')).items.map((i) => i.id)).toEqual([...expected].reverse())
      const page = await store.incidents.list({}, { limit: 2, offset: 2 })
      expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 })
      expect(page.items.map((i) => i.id)).toEqual(expected.slice(2, 4))
      expect((await store.incidents.list({ from: '2013-01-01', to: '2013-12-31' })).total).toBe(3)
      expect((await store.incidents.list({ country: 'YE' })).total).toBe(2)
      expect((await store.incidents.list({ actor: 'other' })).items.map((i) => i.id)).toEqual([made[3]!.id])
    })

    it('sets figures without revisions and filters by category and casualties', async () => {
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
      await store.incidents.setFigures(a.id, [figure('total', 3, 5), figure('civilians', 1, 1)], { grade: 'fair' })
      await store.incidents.setFigures(b.id, [figure('total', 8, null)])
      expect(await store.incidents.get(a.id)).toMatchObject({ grade: 'fair', figures: [{ category: 'total', min: 3, max: 5 }, { category: 'civilians' }] })
      expect((await store.revisions.list({ entityType: 'incident', entityId: a.id })).total).toBe(1)
      expect((await store.incidents.list({ category: 'civilians' })).items.map((i) => i.id)).toEqual([a.id])
      expect((await store.incidents.list({ minCasualties: 6 })).items.map((i) => i.id)).toEqual([b.id])
      expect((await store.incidents.list({ minCasualties: 5 })).total).toBe(2)
      expect((await store.incidents.list({ minCasualties: 2, category: 'civilians' })).total).toBe(0)
      expect((await store.incidents.list({}, {}, '-killed')).items.map((i) => i.id)).toEqual([b.id, a.id])
      await store.incidents.setFigures(b.id, [])
      expect((await store.incidents.list({ minCasualties: 6 })).total).toBe(0)
    })

    it('links and moves claims with reasons, revisions and source counts', async () => {
      const t1 = 'First report: five killed.'
      const t2 = 'Second report: six killed.'
      const s1 = (await store.sources.add(sourceInput(t1), ctx)).source
      const s2 = (await store.sources.add(sourceInput(t2), ctx)).source
      const [c1] = await store.claims.addForSource(s1.id, [draft(t1, 14, 25)], ctx)
      const [c2] = await store.claims.addForSource(s2.id, [draft(t2, 15, 25)], ctx)
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      await store.incidents.link([c1!.id, c2!.id], a.id, 'same date and place', { actor: 'linker' })
      const got = await store.incidents.get(a.id)
      expect(got!.sourceCount).toBe(2)
      expect(got!.links).toEqual([
        expect.objectContaining({ claimId: c1!.id, reason: 'same date and place', by: 'linker' }),
        expect.objectContaining({ claimId: c2!.id }),
      ])
      await store.incidents.link([c2!.id], b.id, 'moved by hand', { actor: 'ana', why: 'different strike' })
      expect((await store.incidents.get(a.id))!.sourceCount).toBe(1)
      expect((await store.claims.get(c2!.id))!.incidentId).toBe(b.id)
      const revs = await store.revisions.list({ entityType: 'claim', entityId: c2!.id })
      expect(revs.items[0]).toMatchObject({ action: 'link', actor: 'ana', why: 'different strike', before: { incidentId: a.id }, after: { incidentId: b.id } })
      // One history for an incident and its claims: the same revisions as asked one by one, newest first.
      const one = async (entityType: 'incident' | 'claim', entityId: string) => (await store.revisions.list({ entityType, entityId })).items
      const separate = [...(await one('incident', a.id)), ...(await one('claim', c1!.id)), ...(await one('claim', c2!.id))]
      const seq = (r: { id: string }): number => Number(r.id.slice(4))
      const joint = await store.revisions.list({ of: [{ entityType: 'incident', entityId: a.id }, { entityType: 'claim', entityId: c1!.id }, { entityType: 'claim', entityId: c2!.id }] })
      expect(joint.items).toEqual(separate.sort((x, y) => seq(y) - seq(x)))
      expect(joint.total).toBe(separate.length)
      expect(joint.items.some((r) => r.entityType === 'claim' && r.why === 'different strike')).toBe(true)
      expect((await store.revisions.list({ of: [{ entityType: 'incident', entityId: b.id }] })).items.every((r) => r.entityId === b.id)).toBe(true)
      expect((await store.revisions.list({ of: [] })).total).toBe(0)
      await store.incidents.link([c2!.id], null, 'unlinked', ctx)
      expect((await store.claims.get(c2!.id))!.incidentId).toBeNull()
      const err = await store.incidents.link(['clm_nope' as ClaimId], a.id, 'x', ctx).catch((e: unknown) => e)
      expect(hasCode(err, 'not_found')).toBe(true)
    })

  })
}
