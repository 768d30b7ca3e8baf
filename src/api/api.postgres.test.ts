/**
 * @module The API suite on PostgreSQL (a fresh database for this file, dropped afterwards), plus several API app
 * instances, each with its own connection pool, serving one database at once. Skipped without TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { runApiSuite, killedExtractor } from './api.contract.js'
import { createApp } from './app.js'
import { startServer, type RunningServer } from './server.js'
import { testDeps } from './test-helpers/test-deps.js'
import { usePgTestDatabase } from '../../test/helpers/pg-test-database.js'

const adminUrl = process.env.TEST_DATABASE_URL
const dbName = `reckon_api_${randomBytes(4).toString('hex')}`
let url = ''

if (adminUrl === undefined || adminUrl === '') {
  describe('API on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test); .ci/run sets it', () => {})
  })
} else {
  usePgTestDatabase(adminUrl, dbName, (u) => (url = u))

  runApiSuite('PostgreSQL', () => openStore({ kind: 'postgres', url }))

  describe('several API servers on one PostgreSQL database', () => {
    const stores: Store[] = []
    const servers: RunningServer[] = []
    afterAll(async () => {
      for (const s of servers) await s.close()
      for (const s of stores) await s.close()
    })

    it('sees one another’s writes, accepts tokens made anywhere, and keeps concurrent writes apart', async () => {
      for (let i = 0; i < 3; i++) {
        const store = await openStore({ kind: 'postgres', url })
        stores.push(store)
        servers.push(await startServer(createApp(store, loadConfig({ RECKON_RATE_LIMIT: '0' }), testDeps(killedExtractor), { log: () => {} }), '127.0.0.1', 0))
      }
      const { token } = await stores[0]!.tokens.create('multi-editor', 'editor', { actor: 'test' })
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
      // Every server ingests different articles at the same time, and one article through all three at once.
      const shared = { text: 'Shared wire copy: the strike killed 21 people.', published: '2019-09-09' }
      const posts = servers.flatMap((s, i) => [
        fetch(`${s.url}/api/sources`, { method: 'POST', headers: auth, body: JSON.stringify({ text: `Server ${i}: the strike killed ${30 + i} people.`, published: '2019-09-09' }) }),
        fetch(`${s.url}/api/sources`, { method: 'POST', headers: auth, body: JSON.stringify(shared) }),
      ])
      const answers = await Promise.all(posts)
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as { source: { id: string }; created: boolean; claims: { id: string }[] }[]
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201])
      const sharedAnswers = bodies.filter((_, i) => i % 2 === 1)
      expect(new Set(sharedAnswers.map((b) => b.source.id)).size).toBe(1)
      expect(sharedAnswers.filter((b) => b.created)).toHaveLength(1)
      expect(new Set(sharedAnswers.map((b) => b.claims[0]!.id)).size).toBe(1)
      // A claim written through one server is edited through another and read through the third.
      const claimId = bodies[0]!.claims[0]!.id
      const edit = await fetch(`${servers[1]!.url}/api/claims/${claimId}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ edit: { min: 29, max: 31 }, reason: 'from server 1' }) })
      expect(edit.status).toBe(200)
      const seen = (await (await fetch(`${servers[2]!.url}/api/claims/${claimId}`)).json()) as { min: number; max: number }
      expect(seen).toMatchObject({ min: 29, max: 31 })
      const revs = (await (await fetch(`${servers[2]!.url}/api/revisions?entityType=claim&entityId=${claimId}`)).json()) as { items: { actor: string; why: string }[] }
      expect(revs.items[0]).toMatchObject({ actor: 'multi-editor', why: 'from server 1' })
      const count = (await (await fetch(`${servers[1]!.url}/api/sources?limit=500`)).json()) as { total: number }
      expect(count.total).toBe(await stores[0]!.sources.count())
    })
  })
}
