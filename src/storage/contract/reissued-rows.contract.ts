/** @module The Store contract, re-issued dataset rows superseding their earlier versions. */
import { beforeEach, describe, expect, it } from 'vitest'
import { sourceIdFor } from '../../domain/source.js'
import { claimIdFor, type ImportRecord, type Store } from '../store.js'
import { ctx, draft, figure, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of re-issued dataset rows superseding their earlier versions. */
export function reissuedRowsContract(fresh: FreshStore): void {
  describe('re-issued dataset rows', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    /** Version `v` of dataset row `key`: its text, and so its hash, differs by version; `killed` is its figure. */
    const row = (key: string, v: number, killed: number, place = 'Miranshah'): ImportRecord => {
      const text = `id: ${key}\nversion: ${v}\nlocation: ${place}\nfatalities: ${killed}`
      const d = draft(text, text.indexOf('fatalities'), text.length, { min: killed, max: killed, extractor: 'import:test', claimant: 'Dataset' })
      const id = claimIdFor(sourceIdFor(sourceInput(text).sha256), d)
      return {
        source: sourceInput(text, { kind: 'dataset', externalId: key }),
        claims: [d],
        incident: incidentDraft('2013-11-01', 'PK', { place: { name: place, admin1: null, country: 'PK', lat: null, lon: null, precision: 'locality', precisionCode: 'TEST geo 1' } }),
        figures: [{ ...figure('total', killed, killed), lowClaims: [id], highClaims: [id], claims: [id] }],
        linkReason: `import:test row ${key}`,
        rowKey: `test:${key}`,
      }
    }
    const imp = { actor: 'cli', why: 'reckon import --format test revised.csv' }

    it('a row re-issued with new contents supersedes its earlier version in the same incident, keeping the old source', async () => {
      const v1 = row('A1', 1, 4)
      await store.bulk.importRecords([v1, row('B1', 1, 2)], { actor: 'cli', why: 'first import' })
      const [incident] = (await store.incidents.list({}, { limit: 10 })).items.filter((i) => i.links.some((l) => l.reason.includes('A1')))
      const oldClaim = (await store.claims.list({ sourceId: sourceIdFor(v1.source.sha256) })).items[0]!
      expect(oldClaim.incidentId).toBe(incident!.id)

      const v2 = row('A1', 2, 7, 'Mir Ali')
      const s = await store.bulk.importRecords([v2, row('B1', 1, 2)], imp)
      // The re-issued row joined its earlier version's incident: that is the one a matcher looks at.
      expect(s).toEqual({ sources: 1, claims: 1, incidents: 0, skipped: 1, superseded: 1, revised: [incident!.id], linked: [incident!.id] })
      // The old source stays, unchanged; its claim is kept but rejected, with a revision naming the import.
      expect((await store.sources.get(sourceIdFor(v1.source.sha256)))?.text).toBe(v1.source.text)
      expect(await store.sources.count()).toBe(3)
      const old = (await store.claims.get(oldClaim.id))!
      expect(old).toMatchObject({ status: 'rejected', incidentId: incident!.id })
      const rev = (await store.revisions.list({ entityType: 'claim', entityId: oldClaim.id })).items[0]!
      expect(rev).toMatchObject({ action: 'supersede', actor: 'cli', before: { status: 'proposed' }, after: { status: 'rejected', supersededBy: sourceIdFor(v2.source.sha256) } })
      expect(rev.why).toMatch(/^reckon import --format test revised\.csv: row test:A1 re-issued/)
      // The new claim joins the same incident, which takes the row's new description; no second incident.
      const fresh = (await store.claims.list({ sourceId: sourceIdFor(v2.source.sha256) })).items[0]!
      expect(fresh).toMatchObject({ status: 'proposed', incidentId: incident!.id, min: 7 })
      const after = (await store.incidents.get(incident!.id))!
      expect(after.place?.name).toBe('Mir Ali')
      expect(after.sourceCount).toBe(1)
      expect((await store.incidents.list({}, { limit: 10 })).total).toBe(2)
      const incRevs = (await store.revisions.list({ entityType: 'incident', entityId: incident!.id })).items.map((r) => r.action)
      expect(incRevs).toEqual(expect.arrayContaining(['revise', 'update']))
      // Importing either version again adds nothing and supersedes nothing.
      expect(await store.bulk.importRecords([v1, v2], imp)).toMatchObject({ sources: 0, skipped: 2, superseded: 0 })
      expect((await store.claims.get(fresh.id))?.status).toBe('proposed')
    })

    it('during a load with indexes set aside, a re-issued row has the indexes of claims by source and by id back before it supersedes', async () => {
      const aside = await store.bulk.deferIndexes()
      const v1 = row('E1', 1, 2)
      expect(await store.bulk.importRecords([v1, row('F1', 1, 1)], imp)).toMatchObject({ sources: 2, superseded: 0 })
      expect(await store.bulk.importRecords([row('E1', 2, 3)], imp)).toMatchObject({ sources: 1, superseded: 1 })
      expect((await store.claims.list({ sourceId: sourceIdFor(v1.source.sha256) })).items.map((c) => c.status)).toEqual(['rejected'])
      // Already rebuilt by the supersede: what is left to restore is two fewer than was set aside.
      expect(await store.bulk.restoreIndexes()).toBe(Math.max(0, aside - 2))
    })

    it('into an empty store, a load sets the id indexes aside too and still stores each row once, a rolled-back batch included', async () => {
      const aside = await store.bulk.deferIndexes()
      // SQLite: the twelve indexes and trigger any load sets aside, and the unique indexes on source and claim ids.
      expect(aside).toBe(fresh.defersIndexes ? 15 : 0)
      const [g, h, k] = [row('G1', 1, 2), row('H1', 1, 1), row('K1', 1, 4)]
      expect(await store.bulk.importRecords([g, h, g], imp)).toMatchObject({ sources: 2, claims: 2, skipped: 1 })
      expect(await store.bulk.importRecords([h], imp)).toMatchObject({ sources: 0, skipped: 1 })
      // A batch that rolled back stored nothing, so its row is not skipped as stored when it comes again.
      const abort = store.transaction(async (tx) => {
        expect(await tx.bulk.importRecords([k], imp)).toMatchObject({ sources: 1 })
        throw new Error('abort the batch')
      })
      await expect(abort).rejects.toThrow('abort the batch')
      expect(await store.bulk.importRecords([k], imp)).toMatchObject({ sources: 1, skipped: 0 })
      // A source added outside the load puts the id indexes back first, and they check it and every row after it.
      const text = 'A drone strike hit Datta Khel; a school was damaged.'
      expect((await store.sources.add(sourceInput(text), ctx)).created).toBe(true)
      expect((await store.sources.add(sourceInput(text), ctx)).created).toBe(false)
      expect(await store.bulk.importRecords([g, k, row('L1', 1, 3)], imp)).toMatchObject({ sources: 1, skipped: 2 })
      expect(await store.bulk.restoreIndexes()).toBe(fresh.defersIndexes ? 13 : 0)
      expect(await store.sources.count()).toBe(5)
      expect((await store.claims.list({}, { limit: 100 })).total).toBe(4)
      expect((await store.incidents.list({}, { limit: 100 })).total).toBe(4)
      expect(await store.bulk.importRecords([g, h, k], imp)).toMatchObject({ sources: 0, skipped: 3 })
    })

    it('a file that re-issues a row further down, in one batch, stores both versions in order; a merged incident is followed', async () => {
      const s = await store.bulk.importRecords([row('C1', 1, 3), row('D1', 1, 1), row('C1', 2, 5)], imp)
      expect(s).toMatchObject({ sources: 3, incidents: 2, superseded: 1 })
      const claims = (await store.claims.list({}, { limit: 10 })).items
      expect(claims.map((c) => [c.min, c.status])).toEqual([[3, 'rejected'], [1, 'proposed'], [5, 'proposed']])
      expect(claims[0]!.incidentId).toBe(claims[2]!.incidentId)
      // The incident of C1 is merged into D1's: a third version joins the survivor.
      await store.incidents.merge(claims[0]!.incidentId!, claims[1]!.incidentId!, { actor: 'ana' })
      const v3 = row('C1', 3, 6, 'Datta Khel')
      const r = await store.bulk.importRecords([v3], imp)
      expect(r).toMatchObject({ superseded: 1, incidents: 0, revised: [claims[1]!.incidentId] })
      const c3 = (await store.claims.list({ sourceId: sourceIdFor(v3.source.sha256) })).items[0]!
      expect(c3.incidentId).toBe(claims[1]!.incidentId)
      expect((await store.claims.get(claims[2]!.id))?.status).toBe('rejected')
      // The survivor holds D1's claims too: it keeps its own description.
      expect((await store.incidents.get(c3.incidentId!))?.place?.name).toBe('Miranshah')
    })
  })
}
