/**
 * @module The background re-check on a thread of its own converges on what a full check finds: a random sequence of
 * writes (new reports, edited and rejected claims), with re-checks asked for along the way, leaves the stored
 * findings equal to a fresh full check's, on a SQLite file, an in-memory SQLite store (checked on the calling
 * thread) and PostgreSQL (a fresh database; skipped without TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { DatabaseConfig } from '../config.js'
import type { Finding } from '../domain/finding.js'
import { openStore } from '../storage/open-store.js'
import type { Store } from '../storage/store.js'
import { sourceInput } from '../storage/store.contract.js'
import { checkStore } from './check-store.js'
import { FindingsRefresher } from './findings-refresher.js'
import { documentUseCases } from './document-use-cases.js'
import { usePgTestDatabase } from '../../test/helpers/pg-test-database.js'

/** A small deterministic generator (an LCG): each seed gives the same sequence of writes on every store. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24
}

const PLACES = ['Miranshah, North Waziristan', 'Wana, South Waziristan', 'Datta Khel, North Waziristan']
const SPEAKERS = ['Amnesty International', 'Pakistani officials', 'local residents', 'the Bureau of Investigative Journalism', 'the Pakistan government']
const MONTHS = ['January', 'March', 'May', 'August', 'October']

/** One short report of our own wording: a single strike with its figures, or a running total for a period. */
function report(r: () => number, n: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const who = pick(SPEAKERS)
  if (r() < 0.35) {
    const since = 2008 + Math.floor(r() * 4)
    const figure = Math.floor(r() * 60)
    return r() < 0.5
      ? `Report ${n}. ${who} said drone strikes in Pakistan had killed ${figure} civilians since ${since}.`
      : `Report ${n}. According to ${who}, at least ${figure} civilians were killed by drone strikes in Pakistan in ${since + 2}.`
  }
  const day = 1 + Math.floor(r() * 27)
  const year = 2010 + Math.floor(r() * 3)
  const total = 1 + Math.floor(r() * 15)
  const civilians = Math.floor(r() * (total + 4))
  const other = pick(SPEAKERS.filter((s) => s !== who))
  return (
    `Report ${n}. A drone strike on a house in ${pick(PLACES)} on ${day} ${pick(MONTHS)} ${year} killed ${total} people, ` +
    `including ${civilians} civilians, according to ${who}. ${other} said ${Math.floor(r() * 15)} militants were killed and no civilians died.`
  )
}

const ctx = { actor: 'test' }
const documents = documentUseCases()

/** One random write: a new report most often, else an edit of a claim's figures, a rejection or a re-acceptance. */
async function write(store: Store, r: () => number, n: number): Promise<void> {
  const roll = r()
  if (roll < 0.55) {
    await documents.processSource(store, sourceInput(report(r, n), { published: '2013-10-22' }), ctx)
    return
  }
  const claims = (await store.claims.list({ status: ['proposed', 'accepted', 'rejected'] }, { limit: 500 })).items
  if (claims.length === 0) return
  const c = claims[Math.floor(r() * claims.length)]!
  if (roll < 0.8) {
    const min = Math.floor(r() * 30)
    await store.claims.edit(c.id, { min, max: r() < 0.3 ? null : min + Math.floor(r() * 5) }, ctx)
  } else if (roll < 0.92) await store.claims.setStatus(c.id, 'rejected', ctx)
  else await store.claims.setStatus(c.id, 'accepted', ctx)
}

const key = (f: Finding): string => `${f.kind}|${f.id}|${f.summary}|${f.arithmetic}`

async function stored(store: Store): Promise<string[]> {
  const out: string[] = []
  for (let offset = 0; ; offset += 500) {
    const page = await store.findings.list({}, { limit: 500, offset })
    out.push(...page.items.map(key))
    if (offset + page.items.length >= page.total) return out.sort()
  }
}

function convergeSuite(name: string, open: () => Promise<{ store: Store; database: DatabaseConfig }>, offThread: boolean): void {
  describe(`the background re-check converges (${name})`, () => {
    it('leaves the stored findings equal to a full check after random writes', async () => {
      const { store, database } = await open()
      const errors: unknown[] = []
      const refresher = new FindingsRefresher(store, (e) => errors.push(e), { database })
      try {
        expect(refresher.offThread).toBe(offThread)
        const r = rng(7)
        let compared = 0
        for (let n = 1; n <= 40; n++) {
          await write(store, r, n)
          // Writes keep coming while runs are going: requests coalesce, and a run may start in the middle of them.
          refresher.request()
          if (n % 10 === 0) {
            await refresher.settled()
            const full = (await checkStore(store, { dryRun: true })).findings.map(key).sort()
            expect(await stored(store)).toEqual(full)
            if (full.length > 0) compared++
          }
        }
        expect(errors).toEqual([])
        // The sequence is meant to find something: a comparison of two empty lists would prove nothing.
        expect(compared).toBeGreaterThan(1)
        expect(refresher.runs).toBeGreaterThan(0)
      } finally {
        await refresher.close()
        await store.close()
      }
    })
  })
}

const dir = mkdtempSync(join(tmpdir(), 'reckon-converge-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

convergeSuite('SQLite file, on a thread', async () => {
  const database: DatabaseConfig = { kind: 'sqlite', path: join(dir, 'a.db') }
  return { store: await openStore(database), database }
}, true)

convergeSuite('SQLite in memory, on the calling thread', async () => {
  const database: DatabaseConfig = { kind: 'sqlite', path: ':memory:' }
  return { store: await openStore(database), database }
}, false)

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl === undefined || adminUrl === '') {
  describe('the background re-check converges (PostgreSQL)', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test)', () => {})
  })
} else {
  let url = ''
  usePgTestDatabase(adminUrl, `reckon_converge_${randomBytes(4).toString('hex')}`, (u) => (url = u))
  convergeSuite('PostgreSQL, on a thread', async () => {
    const database: DatabaseConfig = { kind: 'postgres', url }
    return { store: await openStore(database), database }
  }, true)
}
