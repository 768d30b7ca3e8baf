/**
 * @module Request ids and the access log on a real SQLite store: each answer names its request, the caller's safe id
 * is kept and an unsafe one replaced, each request is reported once with its status, and an unexpected error is logged
 * with the id the client was given.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { createApp } from './app.js'
import type { RequestLogEntry } from './request-log.js'
import { testDeps } from './test-helpers/test-deps.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-request-log-'))
let store: Store
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: join(dir, 'log.db') })
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('request log', () => {
  const config = loadConfig({ RECKON_RATE_LIMIT: '0' })

  it('names every answer and reports each request once, without its query', async () => {
    const entries: RequestLogEntry[] = []
    const app = createApp(store, config, testDeps(), { access: (e) => entries.push(e), log: () => {} })
    const ok = await app.request('/api/search?q=secret-words')
    const id = ok.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    const missing = await app.request('/api/incidents/inc_nothing')
    expect(missing.status).toBe(404)
    expect(entries).toHaveLength(2)
    expect(entries[0]).toMatchObject({ requestId: id, method: 'GET', path: '/api/search', status: 200 })
    expect(entries[1]).toMatchObject({ requestId: missing.headers.get('x-request-id'), status: 404 })
    expect(JSON.stringify(entries)).not.toContain('secret-words')
  })

  it("keeps a caller's safe id and replaces one that could forge a log line", async () => {
    const entries: RequestLogEntry[] = []
    const app = createApp(store, config, testDeps(), { access: (e) => entries.push(e), log: () => {} })
    const kept = await app.request('/api/health', { headers: { 'x-request-id': 'desk-42.a_b' } })
    expect(kept.headers.get('x-request-id')).toBe('desk-42.a_b')
    for (const bad of ['a b', 'x'.repeat(65), 'id"}{"level":"error']) {
      const r = await app.request('/api/health', { headers: { 'x-request-id': bad } })
      expect(r.headers.get('x-request-id')).not.toBe(bad)
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect(entries.map((e) => e.requestId)[0]).toBe('desk-42.a_b')
  })

  it('logs an unexpected error with the request id the client got', async () => {
    const logged: { message: string; requestId?: string }[] = []
    const broken = { ...testDeps(), extract: () => Promise.reject(new Error('extractor exploded')) }
    const app = createApp(store, config, broken, { log: (message, _e, f) => logged.push({ message, requestId: f?.requestId }) })
    const r = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Five people were killed.' }) })
    expect(r.status).toBe(500)
    expect(logged).toHaveLength(1)
    expect(logged[0]!.requestId).toBe(r.headers.get('x-request-id'))
  })
})
