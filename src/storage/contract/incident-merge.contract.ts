/** @module The Store contract, incidents merged and unmerged, and the sources they cite. */
import { beforeEach, describe, expect, it } from 'vitest'
import { hasCode } from '../../domain/errors.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import { type Store } from '../store.js'
import { ctx, draft, figure, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of incidents merged and unmerged, and the sources they cite. */
export function incidentMergeContract(fresh: FreshStore): void {
  describe('incidents', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('lists the claims of several incidents at once, and the sources each incident cites', async () => {
      const texts = ['First report: five killed.', 'Second report: six killed.', 'Third report: seven killed.']
      const [s1, s2, s3] = await Promise.all(texts.map(async (t, i) => (await store.sources.add(sourceInput(t, { publisher: ['Dawn', null, 'Reuters'][i]! }), ctx)).source))
      const claim = async (s: typeof s1, t: string, start = 14): Promise<ClaimId> => (await store.claims.addForSource(s!.id, [draft(t, start, start + 11)], ctx))[0]!.id
      const [c1, c2, c3, c4] = [await claim(s1, texts[0]!), await claim(s2, texts[1]!), await claim(s3, texts[2]!), await claim(s3, texts[2]!, 0)]
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
      const none = await store.incidents.create(incidentDraft('2013-11-03'), ctx)
      await store.incidents.link([c1], a.id, 'same strike', ctx)
      await store.incidents.link([c3, c2], b.id, 'same strike', ctx)
      // A rejected claim still cites its source; an unlinked one cites nothing.
      await store.incidents.link([c4], a.id, 'same strike', ctx)
      await store.claims.setStatus(c4, 'rejected', ctx)
      const listed = await store.claims.list({ incidentIds: [a.id, none.id, b.id] })
      expect(listed.items.map((c) => c.id)).toEqual([c1, c2, c3, c4])
      expect((await store.claims.list({ incidentIds: [a.id], status: 'proposed' })).items.map((c) => c.id)).toEqual([c1])
      expect((await store.claims.list({ incidentIds: [] })).total).toBe(0)
      const cited = await store.incidents.sourcesOf([a.id, b.id, none.id, a.id])
      const byId = (...ss: (typeof s1)[]): string[] => ss.map((s) => s!.id as string).sort()
      expect([...cited.keys()].sort()).toEqual([a.id, b.id].sort())
      expect(cited.get(a.id)!.map((s) => s.id)).toEqual(byId(s1, s3))
      expect(cited.get(a.id)!.find((s) => s.id === s3!.id)).toMatchObject({ publisher: 'Reuters', textLength: texts[2]!.length })
      expect(cited.get(a.id)![0]).not.toHaveProperty('text')
      expect(cited.get(b.id)!.map((s) => s.id)).toEqual(byId(s2, s3))
      expect(cited.get(b.id)!.find((s) => s.id === s2!.id)).toMatchObject({ publisher: null })
      expect((await store.incidents.sourcesOf([])).size).toBe(0)
    })

    it('merges incidents, keeping the merged one and hiding it from lists and totals', async () => {
      const t = 'Report: five killed.'
      const s = (await store.sources.add(sourceInput(t), ctx)).source
      const [c] = await store.claims.addForSource(s.id, [draft(t, 8, 19)], ctx)
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      await store.incidents.link([c!.id], a.id, 'linker', ctx)
      await store.incidents.setFigures(a.id, [figure('total', 5, 5)])
      const into = await store.incidents.merge(a.id, b.id, { actor: 'ana', why: 'duplicate' })
      expect(into.links.map((l) => l.claimId)).toEqual([c!.id])
      expect(await store.incidents.get(a.id)).toMatchObject({ status: 'merged', mergedInto: b.id })
      expect((await store.incidents.list()).items.map((i) => i.id)).toEqual([b.id])
      expect((await store.incidents.list({ status: 'all' })).total).toBe(2)
      expect(await store.totals('year')).toEqual([])
      expect(hasCode(await store.incidents.merge(a.id, b.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
      expect(hasCode(await store.incidents.merge(b.id, b.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
    })

    it('undoes a merge: the merged incident is active again with the claims the merge moved, as revisions', async () => {
      const t1 = 'Report A: five killed.'
      const t2 = 'Report B: six killed.'
      const s1 = (await store.sources.add(sourceInput(t1), ctx)).source
      const s2 = (await store.sources.add(sourceInput(t2), ctx)).source
      const [ca] = await store.claims.addForSource(s1.id, [draft(t1, 9, 21)], ctx)
      const [cb] = await store.claims.addForSource(s2.id, [draft(t2, 9, 21)], ctx)
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      await store.incidents.link([ca!.id], a.id, 'linker', ctx)
      await store.incidents.link([cb!.id], b.id, 'linker', ctx)
      await store.incidents.setFigures(a.id, [figure('total', 5, 5)])
      expect(hasCode(await store.incidents.unmerge(a.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
      await store.incidents.merge(a.id, b.id, { actor: 'matcher', why: 'same strike' })
      const { restored, from } = await store.incidents.unmerge(a.id, { actor: 'ana', why: 'different strikes' })
      expect(restored).toMatchObject({ id: a.id, status: 'active', mergedInto: null })
      expect(restored.links).toEqual([expect.objectContaining({ claimId: ca!.id, reason: `linker; unmerged from ${b.id}: different strikes`, by: 'ana' })])
      expect(from.links.map((l) => l.claimId)).toEqual([cb!.id])
      expect((await store.incidents.list()).items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort())
      expect((await store.totals('year')).find((r) => r.category === 'total')).toMatchObject({ low: 5, high: 5 })
      const revs = await store.revisions.list({ entityType: 'incident', entityId: a.id })
      expect(revs.items[0]).toMatchObject({ action: 'unmerge', actor: 'ana', why: 'different strikes', before: { status: 'merged', mergedInto: b.id } })
      expect(hasCode(await store.incidents.unmerge(a.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
      expect(hasCode(await store.incidents.unmerge('inc_nope' as IncidentId, ctx).catch((e: unknown) => e), 'not_found')).toBe(true)
    })

  })
}
