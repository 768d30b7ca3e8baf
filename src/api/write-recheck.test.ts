/**
 * @module A write is answered without waiting for the findings re-check it asks for, reads meanwhile see the
 * findings as they were (never a half-replaced set), and once the re-check is let through the findings are those a
 * full check finds. On a SQLite file and on PostgreSQL (a fresh database; skipped without TEST_DATABASE_URL), with
 * the re-check on its own thread as `reckon serve` runs it.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkStore } from '../app/check-store.js'
import { FindingsRefresher } from '../app/findings-refresher.js'
import { loadConfig, type DatabaseConfig } from '../config.js'
import { openStore } from '../storage/open-store.js'
import { createApp } from './app.js'
import { apiDeps } from './deps.js'
import { documentUseCases } from '../app/document-use-cases.js'
import { usePgTestDatabase } from '../../test/helpers/pg-test-database.js'

type Json = { items: { id: string; kind: string; summary: string }[]; total: number }

// Our own wording: a running total and a yearly toll that exceeds it; then a single strike whose toll two
// claimants dispute (civilians among the dead, or none).
const FIRST =
  'Officials of the Pakistan government said drone strikes in Pakistan had killed 2 civilians since 2008. ' +
  'The Bureau of Investigative Journalism said at least 40 civilians were killed by drone strikes in Pakistan in 2011.'
const SECOND =
  'A drone strike on a house in Miranshah, North Waziristan, on 4 March 2012 killed 12 people, including 7 civilians, according to Amnesty International. ' +
  'Pakistani officials said 12 militants were killed and no civilians died.'

function suite(name: string, database: () => DatabaseConfig): void {
  describe(`a write and the re-check it asks for (${name})`, () => {
    it('answers the write while the re-check is held, serves the old findings meanwhile, then converges', async () => {
      const store = await openStore(database())
      // The gate holds each re-check until the test opens it: what the write and reads answer meanwhile is visible.
      let open!: () => void
      let gate = new Promise<void>((r) => (open = r))
      const errors: unknown[] = []
      const refresher = new FindingsRefresher(store, (e) => errors.push(e), { database: database(), beforeRun: () => gate })
      const app = createApp(store, loadConfig({ RECKON_RATE_LIMIT: '0' }), apiDeps(documentUseCases()), { log: () => {}, onWrite: () => refresher.request() })
      const { token } = await store.tokens.create('editor', 'editor', { actor: 'test' })
      const post = async (text: string): Promise<Response> =>
        app.request('/api/sources', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text, published: '2013-10-22', kind: 'news' }),
        })
      const findings = async (): Promise<Json> => (await (await app.request('/api/findings?limit=500')).json()) as Json
      try {
        expect(refresher.offThread).toBe(true)
        expect((await post(FIRST)).status).toBe(201)
        open()
        await refresher.settled()
        const before = await findings()
        expect(before.total).toBeGreaterThan(0)
        gate = new Promise<void>((r) => (open = r))

        // Answered while its re-check cannot even begin: the write never waits for one.
        expect((await post(SECOND)).status).toBe(201)
        expect(refresher.runs).toBe(1)
        // Reads meanwhile: exactly the findings of the last finished run.
        expect(await findings()).toEqual(before)

        open()
        await refresher.settled()
        const after = await findings()
        expect(refresher.runs).toBe(2)
        expect(errors).toEqual([])
        const full = (await checkStore(store, { dryRun: true })).findings
        expect(after.items.map((f) => f.id).sort()).toEqual(full.map((f) => f.id).sort())
        // The new report's dispute is found: the re-check saw what the write changed.
        expect(after.total).toBeGreaterThan(before.total)
      } finally {
        open()
        await refresher.close()
        await store.close()
      }
    })
  })
}

const dir = mkdtempSync(join(tmpdir(), 'reckon-recheck-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
suite('SQLite', () => ({ kind: 'sqlite', path: join(dir, 'a.db') }))

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl === undefined || adminUrl === '') {
  describe('a write and the re-check it asks for (PostgreSQL)', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test)', () => {})
  })
} else {
  let url = ''
  usePgTestDatabase(adminUrl, `reckon_recheck_${randomBytes(4).toString('hex')}`, (u) => (url = u))
  suite('PostgreSQL', () => ({ kind: 'postgres', url }))
}
