/**
 * @module Acceptance suite for processing and checking, run on every store: the seed article's contradictions and
 * tension, and two reports of one strike reconciled into one incident.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../storage/store.js'
import { checkStore } from './check-store.js'
import { settingOfIncident } from './incident-setting.js'
import { ingestPaths, type IngestOptions } from './ingest.js'
import { documentUseCases } from './document-use-cases.js'
import { processSourceHook, suggestForClaim } from './process-source.js'

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures')
const expected = JSON.parse(readFileSync(join(fixtures, 'seed-expected.json'), 'utf8')) as {
  published: string
  contradictions: { between: string[] }[]
  tensions: { between: string[] }[]
}
const ctx = { actor: 'test' }
const options = (published: string, publisher: string): IngestOptions => ({
  ctx,
  maxBytes: 10 * 1024 * 1024,
  meta: { kind: 'news', publisher, published },
  afterSource: processSourceHook(ctx),
})

/** Runs the acceptance suite against stores made by `open`. */
export function runPipelineSuite(name: string, open: () => Promise<Store>): void {
  describe(`processing and checking on ${name}`, () => {
    let store: Store
    const dir = mkdtempSync(join(tmpdir(), 'reckon-pipeline-'))
    copyFileSync(join(fixtures, 'seed-article.txt'), join(dir, 'seed-article.txt'))
    copyFileSync(join(fixtures, 'mehsud-second-report.txt'), join(dir, 'mehsud-second-report.txt'))
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('finds exactly the seed article’s contradictions and tension, with the claims and quotes behind them', async () => {
      const r = await ingestPaths(store, [join(dir, 'seed-article.txt')], options(expected.published, 'World Socialist Web Site'))
      expect(r.problems).toEqual([])
      const { findings } = await checkStore(store)
      const pairs = (kind: string) =>
        findings
          .filter((f) => f.kind === kind)
          .map((f) => [...f.claimants].sort())
          .sort()
      expect(pairs('contradiction')).toEqual(expected.contradictions.map((c) => [...c.between].sort()).sort())
      expect(pairs('tension')).toEqual(expected.tensions.map((c) => [...c.between].sort()).sort())
      for (const f of findings) {
        for (const id of f.claims) {
          const claim = await store.claims.get(id)
          expect(claim?.quote.length).toBeGreaterThan(0)
          expect(f.claimants).toContain(claim?.claimant ?? null)
        }
      }
      const stored = await store.findings.list()
      expect(stored.items.map((f) => f.id).sort()).toEqual(findings.map((f) => f.id).sort())
      const tension = findings.find((f) => f.kind === 'tension')!
      expect(tension.arithmetic).toBe('400 − 67 = 333')
      // Both of Amnesty's strikes are stored, though one sentence quotes them: the arithmetic shows the two.
      expect(findings.filter((f) => f.kind === 'contradiction').map((f) => f.arithmetic)).toEqual(['18 + 1 = 19 > 0', '18 + 1 = 19 > 0'])
    })

    it('reconciles two reports of one strike into one incident with a range from both and both sources', async () => {
      await ingestPaths(store, [join(dir, 'seed-article.txt')], options(expected.published, 'World Socialist Web Site'))
      await ingestPaths(store, [join(dir, 'mehsud-second-report.txt')], options('2013-11-02', 'Dawn'))
      const incidents = (await store.incidents.list({ from: '2013-10-30', to: '2013-11-02' })).items
      expect(incidents).toHaveLength(1)
      const killed = incidents[0]!.figures.find((f) => f.measure === 'killed' && f.category === 'total')
      // "At least 8" beside "5": 5 and more, the high end left open as the open claim leaves it.
      expect(killed).toMatchObject({ min: 5, max: null, sources: 2 })
      const claims = (await store.claims.list({ incidentId: incidents[0]!.id })).items
      expect(new Set(claims.map((c) => c.sourceId)).size).toBe(2)
      expect(incidents[0]!.links.some((l) => l.reason.startsWith('joined:'))).toBe(true)
    })

    it('stores and processes an upload once, and suggests the incident a claim belongs to', async () => {
      await ingestPaths(store, [join(dir, 'seed-article.txt')], options(expected.published, 'World Socialist Web Site'))
      const text = readFileSync(join(fixtures, 'mehsud-second-report.txt'), 'utf8')
      const input = { sha256: 'ab'.repeat(32), text, mediaType: 'text/plain' as const, filename: 'upload.txt', byteLength: text.length, kind: 'news' as const, publisher: 'Dawn', url: null, title: null, published: '2013-11-02', language: null }
      const cases = documentUseCases()
      const first = await cases.processSource(store, input, ctx)
      expect(first.created).toBe(true)
      expect(first.claims.some((c) => c.incidentId !== null)).toBe(true)
      const again = await cases.processSource(store, input, ctx)
      expect(again.created).toBe(false)
      expect(again.claims.map((c) => c.id)).toEqual(first.claims.map((c) => c.id))
      const five = first.claims.find((c) => c.min === 5)!
      const [best] = await suggestForClaim(store, five)
      expect(best?.incident.id).toBe(five.incidentId)
    })

    it('puts a strike at the village a later sentence names, not at the country the first names, and says which claim sets each', async () => {
      const text = "Pakistan's foreign ministry said four people died in a drone strike on April 3, 2020. The missiles hit a house in Datta Khel, near Miranshah in North Waziristan, killing four people, officials said."
      const input = { sha256: 'cd'.repeat(32), text, mediaType: 'text/plain' as const, filename: 'village.txt', byteLength: text.length, kind: 'news' as const, publisher: 'Dawn', url: null, title: null, published: '2020-05-01', language: null }
      const { claims } = await documentUseCases().processSource(store, input, ctx)
      const village = claims.find((c) => c.quote.includes('Datta Khel'))!
      const incident = (await store.incidents.get(village.incidentId!))!
      expect(incident.place).toMatchObject({ name: 'Datta Khel', country: 'PK' })
      expect(incident.date).toMatchObject({ start: '2020-04-03', end: '2020-04-03' })
      const setting = settingOfIncident((await store.claims.list({ incidentId: incident.id })).items)
      expect(setting).toMatchObject({ placeClaim: village.id, date: { start: '2020-04-03' }, placeConflict: null, dateConflict: null })
      expect(claims.map((c) => c.id)).toContain(setting.dateClaim)
    })
  })
}
