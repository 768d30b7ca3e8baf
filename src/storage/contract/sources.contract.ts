/** @module The Store contract, sources: stored once per sha256, listed, summarised and searched. */
import { beforeEach, describe, expect, it } from 'vitest'
import type { SourceId } from '../../domain/ids.js'
import { sourceIdFor } from '../../domain/source.js'
import { type Store } from '../store.js'
import { ctx, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of sources: stored once per sha256, listed, summarised and searched. */
export function sourcesContract(fresh: FreshStore): void {
  describe('sources', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('stores a source once per sha256 and writes one revision', async () => {
      const input = sourceInput('A drone strike killed five people.', { title: 'Strike', filename: 'a.txt' })
      const first = await store.sources.add(input, ctx)
      expect(first.created).toBe(true)
      expect(first.source.id).toBe(sourceIdFor(input.sha256))
      expect(first.source.text).toBe(input.text)
      const again = await store.sources.add({ ...input, title: 'Other title' }, ctx)
      expect(again.created).toBe(false)
      expect(again.source.title).toBe('Strike')
      expect(await store.sources.count()).toBe(1)
      const revs = await store.revisions.list({ entityType: 'source', entityId: first.source.id })
      expect(revs.total).toBe(1)
      expect(revs.items[0]).toMatchObject({ action: 'create', actor: 'test', why: 'contract' })
      expect(await store.sources.findBySha256(input.sha256)).toMatchObject({ id: first.source.id, textLength: input.text.length })
      expect(await store.sources.get(first.source.id)).toEqual(first.source)
    })

    it('lists in insertion order with a total, and pages', async () => {
      for (const t of ['one report', 'two report', 'three report']) await store.sources.add(sourceInput(t), ctx)
      const page = await store.sources.list({ limit: 2, offset: 1 })
      expect(page.total).toBe(3)
      expect(page.items.map((s) => s.sha256)).toEqual([sourceInput('two report').sha256, sourceInput('three report').sha256])
      expect(page.items[0]).not.toHaveProperty('text')
    })

    it('summarises sources by id without their text, skipping unknown and repeated ids', async () => {
      const a = (await store.sources.add(sourceInput('first report', { publisher: 'Reuters' }), ctx)).source
      const b = (await store.sources.add(sourceInput('second report'), ctx)).source
      const got = await store.sources.summaries([b.id, a.id, a.id, 'src_unknown' as SourceId])
      expect(got.map((s) => s.id).sort()).toEqual([a.id, b.id].sort())
      const first = got.find((s) => s.id === a.id)!
      expect(first).toMatchObject({ publisher: 'Reuters', textLength: 'first report'.length })
      expect(first).not.toHaveProperty('text')
      expect(await store.sources.summaries([])).toEqual([])
    })

    it('searches a dataset row by its prose (searchText), not by its codes and numbers', async () => {
      const text = 'event_id_cnty: PAK77\ngeo_precision: 1\nnotes: A drone strike on a madrassa near Damadola.'
      await store.sources.add({ ...sourceInput(text, { kind: 'dataset', title: 'ACLED event PAK77' }), searchText: 'A drone strike on a madrassa near Damadola.' }, ctx)
      const hits = await store.sources.search('madrassa Damadola')
      expect(hits.total).toBe(1)
      expect(hits.items[0]!.snippet).toMatch(/«madrassa»/)
      expect((await store.sources.search('geo_precision')).total).toBe(0)
      expect((await store.sources.search('PAK77')).total).toBe(1) // the title is searched too
    })

    it('searches full text with stemming, every word required, and tolerates operator characters', async () => {
      const a = await store.sources.add(sourceInput('US drones struck a house in North Waziristan.', { title: 'Drone report' }), ctx)
      await store.sources.add(sourceInput('Floods in the valley displaced families.'), ctx)
      const hits = await store.sources.search('drone')
      expect(hits.items.map((h) => h.id)).toEqual([a.source.id])
      expect(hits.total).toBe(1)
      expect(hits.items[0]!.snippet).toContain('«')
      expect((await store.sources.search('drone floods')).total).toBe(0)
      expect((await store.sources.search('waziristan house')).total).toBe(1)
      expect((await store.sources.search('"drone* OR (')).total).toBeGreaterThanOrEqual(0)
      expect((await store.sources.search('   ')).total).toBe(0)
    })
  })
}
