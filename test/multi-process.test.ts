/**
 * @module Two `reckon serve` processes (the built CLI, `npm run build` first) on one throwaway PostgreSQL database,
 * with the read cache off: what one server writes, the other reads at once; each re-checks findings after its own
 * writes, and however their checks interleave, the findings stored are one set, those of all the claims.
 * Skipped without TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkStore } from '../src/app/check-store.js'
import { openStore } from '../src/storage/open-store.js'
import type { Store } from '../src/storage/store.js'
import { usePgTestDatabase } from './helpers/pg-test-database.js'
import { seedExpected, seedText } from './helpers/seed-fixture.js'
import { spawnServe, type ServeProcess } from './helpers/serve-process.js'

const adminUrl = process.env.TEST_DATABASE_URL
const secondReport = readFileSync(new URL('./fixtures/mehsud-second-report.txt', import.meta.url), 'utf8')

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls `fn` until it returns something other than undefined, at most `tries` times, 100 ms apart. */
async function eventually<T>(fn: () => Promise<T | undefined>, tries = 200): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const v = await fn()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 100))
  }
  return undefined
}

if (adminUrl === undefined || adminUrl === '') {
  describe('several reckon serve processes on one PostgreSQL database', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test); .ci/run sets it', () => {})
  })
} else {
  describe('several reckon serve processes on one PostgreSQL database', () => {
    let url = ''
    usePgTestDatabase(adminUrl, `reckon_procs_${randomBytes(4).toString('hex')}`, (u) => (url = u))
    let store: Store
    let token = ''
    const servers: ServeProcess[] = []
    beforeAll(async () => {
      store = await openStore({ kind: 'postgres', url })
      token = (await store.tokens.create('two-servers', 'editor', { actor: 'test' })).token
      // The read cache off, so a read through one server shows what the other wrote the moment it committed.
      for (let i = 0; i < 2; i++) servers.push(await spawnServe({ DATABASE_URL: url, RECKON_READ_CACHE_MS: '0' }))
    }, 60_000)
    afterAll(async () => {
      for (const s of servers) await s.stop()
      await store?.close()
    })

    const get = async (server: ServeProcess, path: string): Promise<Json> => (await (await fetch(`${server.url}${path}`)).json()) as Json
    const post = async (server: ServeProcess, text: string): Promise<Json> => {
      const res = await fetch(`${server.url}/api/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text, published: seedExpected.published, kind: 'news' }),
      })
      expect(res.status, servers.map((s) => s.output()).join('\n')).toBe(201)
      return (await res.json()) as Json
    }

    it('reads through one server what the other wrote', async () => {
      const [a, b] = servers as [ServeProcess, ServeProcess]
      const posted = await post(a, seedText)
      const claimIds = (posted.claims as Json[]).map((c) => c.id as string)
      expect(claimIds.length).toBeGreaterThan(0)
      expect((await get(b, `/api/sources/${posted.source.id}`)).text).toBe(posted.source.text)
      const listed = await get(b, `/api/claims?sourceId=${posted.source.id}&limit=500`)
      expect(new Set((listed.items as Json[]).map((c) => c.id as string))).toEqual(new Set(claimIds))
      const incidentId = (posted.claims as Json[]).find((c) => c.incidentId !== null)?.incidentId as string
      expect((await get(b, `/api/incidents/${incidentId}`)).incident.id).toBe(incidentId)
      const incidents = await get(b, `/api/incidents?from=${seedExpected.published.slice(0, 4)}-01-01&limit=500`)
      expect((incidents.items as Json[]).map((i) => i.id as string)).toContain(incidentId)
      // An edit through the second server is what the first one reads next.
      const claim = (posted.claims as Json[]).find((c) => c.scope === 'incident')!
      const edit = await fetch(`${b.url}/api/claims/${claim.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ edit: { claimant: 'a named official' }, reason: 'through the second server' }),
      })
      expect(edit.status).toBe(200)
      expect((await get(a, `/api/claims/${claim.id}`)).claimant).toBe('a named official')
    })

    it('keeps one set of findings, those of every claim, while both servers re-check after their writes', async () => {
      const [a, b] = servers as [ServeProcess, ServeProcess]
      // Both servers write at once, so both re-check at once, each over claims the other may not have committed yet.
      await Promise.all([post(a, secondReport), post(b, `${secondReport}\n\nUpdated: officials later said six people were killed.`)])
      const want = (await checkStore(store, { dryRun: true })).findings.map((f) => f.id)
      expect(want.length).toBeGreaterThan(0)
      const seen = await eventually(async () => {
        const ids = ((await get(a, '/api/findings?limit=500')).items as Json[]).map((f) => f.id as string)
        return JSON.stringify(ids) === JSON.stringify(want) ? ids : undefined
      })
      expect(seen).toEqual(want)
      expect(((await get(b, '/api/findings?limit=500')).items as Json[]).map((f) => f.id as string)).toEqual(want)
    })
  })
}
