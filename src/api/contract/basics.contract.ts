/** @module The API suite, health, OpenAPI, tokens and storing posted articles and uploads. */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../storage/store.js'
import { checkOpenApi31 } from '../openapi-check.js'
import type { ApiHarness, Json } from './api-harness.js'

/** Registers the suite's tests of health, OpenAPI, tokens and storing posted articles and uploads. */
export function basicsContract(h: ApiHarness): void {
  const { call, article, name } = h
  describe('basics', () => {
    let store: Store
    beforeAll(() => {
      store = h.store
    })

    it('reports health and serves a valid OpenAPI 3.1 document', async () => {
      const h = await call('GET', '/api/health')
      expect(h.status).toBe(200)
      expect(h.json).toMatchObject({ ok: true, store: store.kind })
      const doc = await call('GET', '/api/openapi.json')
      expect(doc.status).toBe(200)
      expect(checkOpenApi31(doc.json)).toEqual([])
      expect(doc.headers.get('x-content-type-options')).toBe('nosniff')
      expect(doc.headers.get('content-security-policy')).toContain("default-src 'self'")
    })

    it('refuses an anonymous write with 401 and a viewer’s write with 403, storing nothing', async () => {
      const before = await store.sources.count()
      const anon = await call('POST', '/api/sources', { json: article(3) })
      expect(anon.status).toBe(401)
      expect(anon.json.error.code).toBe('unauthenticated')
      const bad = await call('POST', '/api/sources', { json: article(3), headers: { authorization: 'Bearer not-a-real-token' } })
      expect(bad.status).toBe(401)
      const viewer = await call('POST', '/api/sources', { token: 'viewer', json: article(3) })
      expect(viewer.status).toBe(403)
      expect(viewer.json.error.code).toBe('forbidden')
      expect(await store.sources.count()).toBe(before)
      const me = await call('GET', '/api/me', { token: 'viewer' })
      expect(me.json).toEqual({ authenticated: true, name: 'viewer-alice', role: 'viewer', privateReads: false })
    })

    it('stores a posted article with its claims, once', async () => {
      const a = article(7)
      const r = await call('POST', '/api/sources', { token: 'editor', json: a })
      expect(r.status).toBe(201)
      expect(r.json.created).toBe(true)
      expect(r.json.source).toMatchObject({ publisher: 'Dawn', published: '2013-11-04', text: a.text })
      expect(r.json.claims).toHaveLength(1)
      expect(r.json.claims[0]).toMatchObject({ min: 7, quote: 'killed 7 people', status: 'proposed', sourceId: r.json.source.id })
      const again = await call('POST', '/api/sources', { token: 'editor', json: a })
      expect(again.json.created).toBe(false)
      expect(again.json.claims.map((c: Json) => c.id)).toEqual(r.json.claims.map((c: Json) => c.id))
      const got = await call('GET', `/api/sources/${r.json.source.id}`)
      expect(got.json.text).toBe(a.text)
      const listed = await call('GET', `/api/claims?sourceId=${r.json.source.id}`)
      expect(listed.json.items.map((c: Json) => c.id)).toEqual(r.json.claims.map((c: Json) => c.id))
      const revs = await call('GET', `/api/revisions?entityType=source&entityId=${r.json.source.id}`)
      expect(revs.json.items[0]).toMatchObject({ actor: 'editor-alice', action: expect.any(String) })
    })

    it('accepts an upload as multipart/form-data and refuses one over the size limit', async () => {
      const form = new FormData()
      form.set('file', new File([`<html><head><title>Upload ${name}</title></head><body><p>A strike killed 4 people.</p></body></html>`], 'report.html', { type: 'text/html' }))
      form.set('published', '2014-01-02')
      const r = await call('POST', '/api/sources', { token: 'editor', body: form })
      expect(r.status).toBe(201)
      expect(r.json.source).toMatchObject({ mediaType: 'text/html', filename: 'report.html', title: `Upload ${name}` })
      expect(r.json.claims.map((c: Json) => c.min)).toEqual([4])
      const big = new FormData()
      big.set('file', new File(['x'.repeat(30_000)], 'big.txt', { type: 'text/plain' }))
      const tooBig = await call('POST', '/api/sources', { token: 'editor', body: big })
      expect(tooBig.status).toBe(413)
      const exe = new FormData()
      exe.set('file', new File(['MZ'], 'tool.exe'))
      expect((await call('POST', '/api/sources', { token: 'editor', body: exe })).status).toBe(415)
    })

  })
}
