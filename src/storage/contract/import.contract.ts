/** @module The Store contract, bulk import and the indexes a bulk load sets aside. */
import { beforeEach, describe, expect, it } from 'vitest'
import { sourceIdFor } from '../../domain/source.js'
import { claimIdFor, type ImportRecord, type Store } from '../store.js'
import { ctx, draft, figure, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of bulk import and the indexes a bulk load sets aside. */
export function importContract(fresh: FreshStore): void {
  describe('bulk import', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('imports records in bulk idempotently, with linked claims, figures and one revision per batch', async () => {
      const recs: ImportRecord[] = Array.from({ length: 30 }, (_, i) => {
        const text = `Dataset row ${i}: ${i + 1} killed in a drone strike.`
        const src = sourceInput(text, { kind: 'dataset', title: `row ${i}` })
        const d = draft(text, text.indexOf(':') + 2, text.indexOf(' in a'), { min: i + 1, max: i + 1, extractor: 'import:test' })
        const id = claimIdFor(sourceIdFor(src.sha256), d)
        return {
          source: src,
          claims: [d, d],
          incident: incidentDraft(`2012-0${(i % 9) + 1}-01`, i % 2 === 0 ? 'PK' : 'YE'),
          figures: [{ ...figure('total', i + 1, i + 1), lowClaims: [id], highClaims: [id], claims: [id] }],
          linkReason: `row ${i}`,
        }
      })
      const first = await store.bulk.importRecords(recs, { actor: 'import:test' })
      expect(first).toEqual({ sources: 30, claims: 30, incidents: 30, skipped: 0, superseded: 0, revised: [], linked: expect.any(Array) })
      const again = await store.bulk.importRecords([...recs.slice(0, 5), ...recs.slice(0, 5)], { actor: 'import:test' })
      // Rows already stored join nothing: a matcher given `linked` never looks at them again.
      expect(again).toEqual({ sources: 0, claims: 0, incidents: 0, skipped: 10, superseded: 0, revised: [], linked: [] })
      expect(await store.sources.count()).toBe(30)
      expect((await store.sources.search('drone strike')).total).toBe(30)
      const incidents = await store.incidents.list({}, { limit: 100 })
      expect(incidents.total).toBe(30)
      expect(incidents.items.every((i) => i.links.length === 1 && i.sourceCount === 1)).toBe(true)
      expect([...first.linked].sort()).toEqual(incidents.items.map((i) => i.id).sort())
      const total = (await store.totals('country')).reduce((n, r) => n + r.low, 0)
      expect(total).toBe((30 * 31) / 2)
      expect((await store.revisions.list({ entityType: 'import' })).total).toBe(1)
    })

    it('sets the list indexes aside for a bulk load and rebuilds them, lists staying right meanwhile', async () => {
      const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const b = await store.incidents.create(incidentDraft('2014-02-01', 'YE'), ctx)
      const before = (await store.sources.add(sourceInput('A drone strike hit Datta Khel; a school was damaged.'), ctx)).source
      const aside = await store.bulk.deferIndexes()
      // SQLite sets aside its ten list, map and totals indexes, its index of claims by source and its full-text
      // trigger; PostgreSQL keeps its own.
      expect(aside).toBe(fresh.defersIndexes ? 13 : 0)
      expect((await store.incidents.list({ country: 'YE' })).items.map((i) => i.id)).toEqual([b.id])
      expect((await store.incidents.list({}, {}, 'date')).items.map((i) => i.id)).toEqual([a.id, b.id])
      const during = (await store.sources.add(sourceInput('A drone strike hit Datta Khel; a bakery was damaged.'), ctx)).source
      expect(await store.bulk.restoreIndexes()).toBe(aside)
      expect(await store.bulk.restoreIndexes()).toBe(0)
      expect((await store.incidents.list({ from: '2014-01-01' })).items.map((i) => i.id)).toEqual([b.id])
      // Sources stored while full-text indexing was aside are found once it is back, and those stored before still are.
      expect((await store.sources.search('Datta Khel')).items.map((h) => h.id).sort()).toEqual([before.id, during.id].sort())
      expect((await store.sources.search('bakery')).items.map((h) => h.id)).toEqual([during.id])
    })

  })
}
