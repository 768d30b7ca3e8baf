/** @module The Store contract, claims: added by claim key, filtered, edited with revisions, walked in batches. */
import { beforeEach, describe, expect, it } from 'vitest'
import { hasCode } from '../../domain/errors.js'
import type { ClaimId } from '../../domain/ids.js'
import { sourceIdFor } from '../../domain/source.js'
import { claimIdFor, type Store } from '../store.js'
import { ctx, draft, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of claims: added by claim key, filtered, edited with revisions, walked in batches. */
export function claimsContract(fresh: FreshStore): void {
  describe('claims', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    const text = 'The strike killed five people, including two children, officials said.'
    it('adds claims idempotently by claim key and returns them in draft order', async () => {
      const { source } = await store.sources.add(sourceInput(text), ctx)
      const drafts = [draft(text, 11, 29), draft(text, 41, 53, { category: 'children', min: 2, max: 2 })]
      const first = await store.claims.addForSource(source.id, drafts, ctx)
      expect(first.map((c) => c.id)).toEqual(drafts.map((d) => claimIdFor(source.id, d)))
      expect(first[0]).toMatchObject({ status: 'proposed', incidentId: null, quote: 'killed five people', sourceId: source.id })
      // A newer version of the same rules re-extracts the same claims: nothing new.
      const again = await store.claims.addForSource(source.id, drafts.map((d) => ({ ...d, extractor: 'rules@1.1.0' })), ctx)
      expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id))
      expect((await store.claims.list({ sourceId: source.id })).total).toBe(2)
      expect((await store.revisions.list({ entityType: 'claim' })).total).toBe(2)
      // Many by id in one read: in the order asked, each once, unknown ids left out.
      const [one, two] = first.map((c) => c.id)
      const many = await store.claims.getMany([two!, 'clm_unknown' as ClaimId, one!, two!])
      expect(many.map((c) => c.id)).toEqual([two, one])
      expect(many[1]).toEqual(first[0])
      expect(await store.claims.getMany([])).toEqual([])
    })

    it('refuses claims for an unknown source with not_found', async () => {
      const err = await store.claims.addForSource(sourceIdFor('0'.repeat(64)), [draft(text, 0, 3)], ctx).catch((e: unknown) => e)
      expect(hasCode(err, 'not_found')).toBe(true)
    })

    it('filters by status, measure, category, scope and link', async () => {
      const { source } = await store.sources.add(sourceInput(text), ctx)
      const [a, b] = await store.claims.addForSource(
        source.id,
        [draft(text, 11, 29), draft(text, 41, 53, { category: 'children', scope: 'aggregate', measure: 'injured' })],
        ctx,
      )
      await store.claims.setStatus(b!.id, 'rejected', ctx)
      expect((await store.claims.list({ status: 'rejected' })).items.map((c) => c.id)).toEqual([b!.id])
      expect((await store.claims.list({ status: ['proposed', 'accepted'] })).items.map((c) => c.id)).toEqual([a!.id])
      expect((await store.claims.list({ measure: 'injured' })).total).toBe(1)
      expect((await store.claims.list({ category: 'total', scope: 'incident' })).total).toBe(1)
      const inc = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      await store.incidents.link([a!.id], inc.id, 'same day', ctx)
      expect((await store.claims.list({ unlinked: true })).items.map((c) => c.id)).toEqual([b!.id])
      expect((await store.claims.list({ incidentId: null })).items.map((c) => c.id)).toEqual([b!.id])
      expect((await store.claims.list({ incidentId: inc.id })).items.map((c) => c.id)).toEqual([a!.id])
    })

    it('records status changes and edits as revisions with before and after; no-ops write nothing', async () => {
      const { source } = await store.sources.add(sourceInput(text), ctx)
      const [c] = await store.claims.addForSource(source.id, [draft(text, 11, 29)], ctx)
      const accepted = await store.claims.setStatus(c!.id, 'accepted', { actor: 'ana', why: 'checked' })
      expect(accepted.status).toBe('accepted')
      await store.claims.setStatus(c!.id, 'accepted', { actor: 'ana' })
      const edited = await store.claims.edit(c!.id, { min: 4, max: 6, period: { start: '2013-11-02', end: '2013-11-02', precision: 'day' } }, { actor: 'ana' })
      expect(edited).toMatchObject({ min: 4, max: 6, period: { start: '2013-11-02' }, quote: 'killed five people' })
      const revs = await store.revisions.list({ entityType: 'claim', entityId: c!.id })
      expect(revs.items.map((r) => r.action)).toEqual(['edit', 'status', 'create'])
      expect(revs.items[0]).toMatchObject({ actor: 'ana', before: { min: 5, max: 5 }, after: { min: 4, max: 6 } })
      expect(revs.items[1]).toMatchObject({ why: 'checked', before: { status: 'proposed' }, after: { status: 'accepted' } })
      const missing = await store.claims.setStatus('clm_missing' as ClaimId, 'accepted', ctx).catch((e: unknown) => e)
      expect(hasCode(missing, 'not_found')).toBe(true)
    })

    it('walks all counting claims in batches, skipping rejected ones', async () => {
      const long = 'x'.repeat(100)
      const { source } = await store.sources.add(sourceInput(long), ctx)
      const drafts = Array.from({ length: 25 }, (_, i) => draft(long, i, i + 1))
      const claims = await store.claims.addForSource(source.id, drafts, ctx)
      await store.claims.setStatus(claims[3]!.id, 'rejected', ctx)
      const sizes: number[] = []
      const seen: string[] = []
      for await (const batch of store.claims.batches({ batchSize: 10 })) {
        sizes.push(batch.length)
        seen.push(...batch.map((c) => c.id))
      }
      expect(sizes).toEqual([10, 10, 4])
      expect(new Set(seen).size).toBe(24)
      expect(seen).not.toContain(claims[3]!.id)
      let all = 0
      for await (const batch of store.claims.batches({ countingOnly: false, batchSize: 100 })) all += batch.length
      expect(all).toBe(25)
    })
  })
}
