/** @module The API suite, private reads, the rate limit and a real socket. */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.js'
import type { Store } from '../../storage/store.js'
import { createApp } from '../app.js'
import { parseCsv } from '../../importers/csv.js'
import { startServer } from '../server.js'
import { testDeps } from '../test-helpers/test-deps.js'
import type { ApiHarness, App, Json } from './api-harness.js'

/** Registers the suite's tests of private reads, the rate limit and a real socket. */
export function serverContract(h: ApiHarness): void {
  const { article, tokens, name } = h
  describe('server', () => {
    let store: Store
    let app: App
    beforeAll(() => {
      ;({ store, app } = h)
    })

    it('keeps reads private when configured, and limits the request rate', async () => {
      const priv = createApp(store, loadConfig({ RECKON_PRIVATE: '1' }), testDeps(), { log: () => {} })
      expect((await priv.request('/api/incidents')).status).toBe(401)
      expect((await priv.request('/api/incidents', { headers: { authorization: `Bearer ${tokens.viewer}` } })).status).toBe(200)
      expect((await priv.request('/api/health')).status).toBe(200)
      const limited = createApp(store, loadConfig({ RECKON_RATE_LIMIT: '2' }), testDeps(), { log: () => {} })
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await limited.request('/api/health')).status)
      expect(statuses).toEqual([200, 200, 429])
      const refused = await limited.request('/api/health')
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(((await refused.json()) as Json).error.code).toBe('rate_limited')
      // A token has its own bucket, apart from the anonymous caller's address.
      expect((await limited.request('/api/health', { headers: { authorization: `Bearer ${tokens.viewer}` } })).status).toBe(200)
    })

    it('serves the same API over a real socket', async () => {
      const server = await startServer(app, '127.0.0.1', 0)
      try {
        const health = await fetch(`${server.url}/api/health`)
        expect(health.status).toBe(200)
        const anon = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(article(1)) })
        expect(anon.status).toBe(401)
        const viewer = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.viewer}` }, body: JSON.stringify(article(1)) })
        expect(viewer.status).toBe(403)
        const form = new FormData()
        form.set('file', new File([`Socket ${name}: the strike killed 13 people.`], 'wire.txt', { type: 'text/plain' }))
        const posted = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}` }, body: form })
        expect(posted.status).toBe(201)
        const body = (await posted.json()) as Json
        expect(body.claims.map((c: Json) => c.min)).toEqual([13])
        const huge = await fetch(`${server.url}/api/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'z'.repeat(30_000) }) })
        expect(huge.status).toBe(413)
        const csv = await fetch(`${server.url}/api/export/claims.csv?sourceId=${body.source.id}`)
        expect(parseCsv(await csv.text())).toHaveLength(2)
        // Headers over Node's limit are refused by Node itself, still in the API's JSON error shape.
        const oversized = await fetch(`${server.url}/api/health`, { headers: { 'x-padding': 'p'.repeat(20_000) } })
        expect(oversized.status).toBe(431)
        expect(await oversized.json()).toMatchObject({ error: { code: 'too_large', message: expect.any(String) } })
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
      } finally {
        await server.close()
      }
    })
  })
}
