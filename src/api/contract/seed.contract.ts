/** @module The API suite, the seed article uploaded and extracted, and extraction without storing. */
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../storage/store.js'
import { createApp } from '../app.js'
import { startServer } from '../server.js'
import { apiDeps } from '../deps.js'
import { documentUseCases } from '../../app/document-use-cases.js'
import { FindingsRefresher } from '../../app/findings-refresher.js'
import { matchesExpected, seedExpected, seedText, type ClaimLike } from '../../../test/helpers/seed-fixture.js'
import type { ApiHarness, Json } from './api-harness.js'

/** Registers the suite's tests of the seed article uploaded and extracted, and extraction without storing. */
export function seedContract(h: ApiHarness): void {
  const { call, tokens, seedConfig } = h
  describe('the seed article', () => {
    let store: Store
    beforeAll(() => {
      store = h.store
    })

    const postSeed = async (app: ReturnType<typeof createApp>): Promise<{ posted: Json; extracted: Json }> => {
      const server = await startServer(app, '127.0.0.1', 0)
      try {
        const form = new FormData()
        form.set('file', new File([seedText], 'seed-article.txt', { type: 'text/plain' }))
        form.set('published', seedExpected.published)
        form.set('kind', 'news')
        const res = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}` }, body: form })
        expect(res.status).toBe(201)
        const posted = (await res.json()) as Json
        const r = await fetch(`${server.url}/api/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: posted.source.text, published: seedExpected.published }) })
        return { posted, extracted: (await r.json()) as Json }
      } finally {
        await server.close()
      }
    }

    it('yields the seed article’s claims when an editor uploads it (every extracted claim stored, one per claim key)', async () => {
      const refresher = new FindingsRefresher(store, (e) => {
        throw e
      })
      const real = createApp(store, seedConfig, apiDeps(documentUseCases()), { checkResponses: true, log: () => {}, onWrite: () => refresher.request() })
      const anon = await real.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: seedText }) })
      expect(anon.status).toBe(401)
      const { posted, extracted } = await postSeed(real)
      expect(posted.source.published).toBe(seedExpected.published)
      for (const e of seedExpected.claims) expect(extracted.claims.some((c: Json) => matchesExpected(c as ClaimLike, e)), e.quote_contains).toBe(true)
      expect(extracted.findings.some((f: Json) => f.kind === 'contradiction')).toBe(true)
      // The store keeps one claim per (source, extractor, span, measure, category): the posted answer holds one
      // stored claim for every extracted draft, identical in its fields when its key is not shared.
      const key = (c: Json) => `${c.span.start}|${c.span.end}|${c.measure}|${c.category}`
      expect(new Set(posted.claims.map(key))).toEqual(new Set(extracted.claims.map(key)))
      const once = extracted.claims.filter((c: Json) => extracted.claims.filter((d: Json) => key(d) === key(c)).length === 1)
      for (const c of once) expect(posted.claims.find((p: Json) => key(p) === key(c))).toMatchObject({ min: c.min, max: c.max, claimant: c.claimant, quote: c.quote })
      for (const c of posted.claims) expect(posted.source.text.slice(c.span.start, c.span.end)).toBe(c.quote)
      // The pipeline linked every incident claim to an incident, and the incident's figures trace back to claims.
      const linked = posted.claims.filter((c: Json) => c.scope === 'incident')
      expect(linked.length).toBeGreaterThan(0)
      for (const c of linked) expect(c.incidentId).toMatch(/^inc_/)
      const detail = (await (await real.request(`/api/incidents/${linked[0].incidentId}`)).json()) as Json
      expect(detail.claims.map((c: Json) => c.id)).toContain(linked[0].id)
      expect(detail.incident.figures.length).toBeGreaterThan(0)
      const listed = await real.request(`/api/claims?sourceId=${posted.source.id}&limit=500`)
      expect(new Set(posted.claims.map((c: Json) => c.id)).size).toBe(posted.claims.length)
      expect(((await listed.json()) as Json).total).toBe(posted.claims.length)
      // The write scheduled a consistency check in the background: its contradiction shows up in /api/findings.
      await refresher.settled()
      const findings = (await (await real.request('/api/findings')).json()) as Json
      const contradiction = findings.items.find((f: Json) => f.kind === 'contradiction')
      expect(contradiction).toBeDefined()
      expect(contradiction.claims.every((id: string) => posted.claims.some((c: Json) => c.id === id) || id.startsWith('clm_'))).toBe(true)
      expect(findings.claims).toBeUndefined()
      // With include=claims, one answer carries every claim the page's findings name, once each, with its source.
      const withClaims = (await (await real.request('/api/findings?include=claims&limit=500')).json()) as Json
      const named = [...new Set((withClaims.items as Json[]).flatMap((f: Json) => f.claims as string[]))]
      expect((withClaims.claims as Json[]).map((c: Json) => c.id).sort()).toEqual(named.sort())
      const shown = (withClaims.claims as Json[]).find((c: Json) => c.id === contradiction.claims[0])!
      expect(shown).toMatchObject({ id: contradiction.claims[0], source: { id: shown.sourceId, sha256: expect.any(String) } })
      expect(shown.source.text).toBeUndefined()
      // The incident list marks exactly the strikes whose claims an open finding names.
      const disputedIds = new Set((withClaims.claims as Json[]).map((c: Json) => c.incidentId).filter((id: unknown) => typeof id === 'string'))
      const list = (await (await real.request('/api/incidents?limit=100')).json()) as Json
      expect(disputedIds.size).toBeGreaterThan(0)
      expect(new Set((list.items as Json[]).filter((i: Json) => i.disputed === true).map((i: Json) => i.id))).toEqual(disputedIds)
      // Paging: the second page of one finding each is the next finding.
      const second = (await (await real.request('/api/findings?include=claims&limit=1&offset=1')).json()) as Json
      expect((second.items as Json[]).map((f: Json) => f.id)).toEqual((withClaims.items as Json[]).slice(1, 2).map((f: Json) => f.id))
      expect((second.claims as Json[]).map((c: Json) => c.id).sort()).toEqual([...new Set((second.items as Json[]).flatMap((f: Json) => f.claims as string[]))].sort())
    })

    // Two figures read from one quote span ("18 labourers … a grandmother") must both be stored (claimKey holds the figure).
    it('stores every claim the acceptance file lists for the seed article', async () => {
      const { posted } = await postSeed(createApp(store, seedConfig, apiDeps(documentUseCases()), { log: () => {} }))
      for (const e of seedExpected.claims) expect(posted.claims.some((c: Json) => matchesExpected(c as ClaimLike, e)), e.quote_contains).toBe(true)
    })

    it('extracts without storing', async () => {
      const before = await store.sources.count()
      const r = await call('POST', '/api/extract', { json: { text: 'The strike killed 12 people.', published: '2013-01-01' } })
      expect(r.status).toBe(200)
      expect(r.json.claims.map((c: Json) => c.min)).toEqual([12])
      expect(await store.sources.count()).toBe(before)
    })

  })
}
