/** @module `POST /api/extract` without a token: a smaller text and its own rate limit; a token lifts both. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { createApp } from './app.js'
import { testDeps } from './test-helpers/test-deps.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-extract-limits-'))
let store: Store
let token: string
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: join(dir, 'limits.db') })
  token = (await store.tokens.create('reader', 'viewer', { actor: 'test' })).token
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const post = (app: ReturnType<typeof createApp>, text: string, headers: Record<string, string> = {}): Promise<Response> =>
  Promise.resolve(app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text }) }))

describe('public extraction limits', () => {
  it('refuses a text over RECKON_PUBLIC_EXTRACT_BYTES without a token, naming the setting, and takes it with one', async () => {
    const app = createApp(store, loadConfig({ RECKON_PUBLIC_EXTRACT_BYTES: '2000', RECKON_RATE_LIMIT: '0', RECKON_EXTRACT_RATE_LIMIT: '0' }), testDeps(), { log: () => {} })
    const small = 'A strike killed 3 people. '
    expect((await post(app, small)).status).toBe(200)
    const big = small.repeat(200)
    const r = await post(app, big)
    expect(r.status).toBe(413)
    const body = (await r.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('too_large')
    expect(body.error.message).toMatch(/RECKON_PUBLIC_EXTRACT_BYTES.*token/)
    expect((await post(app, big, { authorization: `Bearer ${token}` })).status).toBe(200)
  })

  it('checks the parsed text too when the body declares no length', async () => {
    const app = createApp(store, loadConfig({ RECKON_PUBLIC_EXTRACT_BYTES: '100', RECKON_RATE_LIMIT: '0', RECKON_EXTRACT_RATE_LIMIT: '0' }), testDeps(), { log: () => {} })
    // Over the limit in UTF-8 bytes (three per character), under it in characters.
    const stream = new Blob([JSON.stringify({ text: '—'.repeat(50) })]).stream()
    const r = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' })
    expect(r.status).toBe(413)
  })

  it('limits anonymous extractions per address on their own, and not callers with a token', async () => {
    const app = createApp(store, loadConfig({ RECKON_RATE_LIMIT: '0', RECKON_EXTRACT_RATE_LIMIT: '3' }), testDeps(), { log: () => {} })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await post(app, 'A strike killed 3 people.')).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expect((await post(app, 'A strike killed 3 people.', { authorization: `Bearer ${token}` })).status).toBe(200)
    // Other routes are not held to it.
    expect((await app.request('/api/health')).status).toBe(200)
  })
})
