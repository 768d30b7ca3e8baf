/**
 * @module The store contract on PostgreSQL, plus what only the PostgreSQL adapter does.
 * Uses its own fresh database (dropped afterwards) and a fresh schema per test; skipped without TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { hasCode } from '../domain/errors.js'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js'
import { openStore } from './open-store.js'
import { openPostgresStore, postgresError } from './postgres/postgres-store.js'
import { finding, runStoreContract, sourceInput, SPAN_LENGTHS } from './store.contract.js'
import { dateSpanClass } from './sql/date-span.js'
import { addDays } from '../domain/dates.js'
import { expectEditorSetUpgrade, V13_ROWS } from './contract/editor-set-upgrade.js'
import { usePgTestDatabase } from '../../test/helpers/pg-test-database.js'

const adminUrl = process.env.TEST_DATABASE_URL
const dbName = `reckon_store_${randomBytes(4).toString('hex')}`
let url = ''
let n = 0

if (adminUrl === undefined || adminUrl === '') {
  describe('PostgreSQL store', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test); .ci/run sets it', () => {})
  })
} else {
  usePgTestDatabase(adminUrl, dbName, (u) => (url = u))

  runStoreContract('postgres', () => openPostgresStore(url, { schema: `t${++n}`, poolSize: 3 }), { defersIndexes: false })
  // Again with every list and totals answered from the list snapshot, kept current by commit notifications.
  runStoreContract('postgres, lists from the snapshot', () => openPostgresStore(url, { schema: `t${++n}`, poolSize: 3, listIndex: 'inline' }), { defersIndexes: false })

  describe('PostgreSQL adapter', () => {
    it('names a full disk storage_full and a lost or refused connection database_unavailable; other server errors stay as they are', async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      const fail = (sql: string): Promise<unknown> => c.query(sql).then(() => null, (e: unknown) => e)
      try {
        expect(hasCode(postgresError(await fail("DO $$ BEGIN RAISE EXCEPTION 'no space' USING ERRCODE = '53100'; END $$")), 'storage_full')).toBe(true)
        expect(hasCode(postgresError(await fail("DO $$ BEGIN RAISE EXCEPTION 'shutting down' USING ERRCODE = '57P01'; END $$")), 'database_unavailable')).toBe(true)
        const unique = await fail("DO $$ BEGIN RAISE EXCEPTION 'duplicate' USING ERRCODE = '23505'; END $$")
        expect(postgresError(unique)).toBe(unique)
      } finally {
        await c.end()
      }
      const refused = await new pg.Client({ connectionString: 'postgres://reckon:x@127.0.0.1:1/reckon' }).connect().then(() => null, (e: unknown) => e)
      expect(hasCode(postgresError(refused), 'database_unavailable')).toBe(true)
    })

    it('refuses a database from a newer schema without changing it', async () => {
      const schema = `newer${++n}`
      const store = await openPostgresStore(url, { schema })
      await store.sources.add(sourceInput('newer'), { actor: 'test' })
      await store.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES ($1, 'future', 'x')`, [LATEST_SCHEMA_VERSION + 1])
      const err = await openPostgresStore(url, { schema }).catch((e: unknown) => e)
      expect(hasCode(err, 'schema_too_new')).toBe(true)
      const rows = await c.query(`SELECT count(*)::int AS n FROM ${schema}.sources`)
      expect(rows.rows[0]).toEqual({ n: 1 })
      await c.end()
    })

    /** A fresh schema migrated up to `version` and recorded so, with a client connected to it (the caller ends it). */
    const schemaAt = async (version: number): Promise<{ schema: string; c: pg.Client }> => {
      const schema = `v${version}_${++n}`
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`)
      await c.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
      for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
        for (const sql of m.postgres) await c.query(sql)
        await c.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, 'x'])
      }
      return { schema, c }
    }

    it('upgrades a version 2 database with figures, filling the filter columns list filters read', async () => {
      const { schema, c } = await schemaAt(2)
      await c.query(`INSERT INTO incidents (id, date_start, date_end, date, country, victims, status, figures, killed_high, source_count, created_at, updated_at)
                     VALUES ('inc_a', '2012-01-05', '2012-01-20', '{"start":"2012-01-05","end":"2012-01-20","precision":"span"}', 'PK', '[]', 'active', '[]', 7, 0, 'x', 'x')`)
      await c.query(`INSERT INTO incident_figures (incident_id, measure, category, min, max, status, date_start, date_end, date_last, country)
                     VALUES ('inc_a', 'killed', 'total', 3, 7, 'active', '2012-01-05', '2012-01-20', '2012-01-20', 'PK'),
                            ('inc_a', 'killed', 'civilians', 1, 2, 'active', '2012-01-05', '2012-01-20', '2012-01-20', 'PK')`)
      await c.end()
      const store = await openPostgresStore(url, { schema })
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
      const total = async (f: Parameters<typeof store.incidents.list>[0]): Promise<number> => (await store.incidents.list(f)).total
      expect(await total({ from: '2012-01-15', category: 'civilians' })).toBe(1)
      expect(await total({ minCasualties: 3, category: 'civilians' })).toBe(0)
      expect(await total({ minCasualties: 7, category: 'total' })).toBe(1)
      expect(await store.totals('month', { minCasualties: 2, category: 'civilians' })).toEqual([{ group: '2012-01', measure: 'killed', category: 'civilians', low: 1, high: 2, incidents: 1 }])
      expect(await store.findings.beginCheck()).toBe(1)
      await store.close()
    })

    it('upgrades a version 13 database: editors\' places and dates are marked from their history, and victims are searchable', async () => {
      const { schema, c } = await schemaAt(13)
      for (const [sql, params] of V13_ROWS) {
        let n = 0
        await c.query(sql.replace(/\?/g, () => `$${++n}`), params)
      }
      await c.end()
      const store = await openPostgresStore(url, { schema })
      try {
        await expectEditorSetUpgrade(store)
      } finally {
        await store.close()
      }
    })

    it('upgrades a version 8 database, giving each incident the span class its period has, so candidates find it', async () => {
      const { schema, c } = await schemaAt(8)
      const want = new Map<string, number | null>()
      for (const len of SPAN_LENGTHS) {
        const start = addDays('2011-03-01', -len)
        const last = addDays(start, len)
        await c.query(
          `INSERT INTO incidents (id, date_start, date_end, date_last, date, country, victims, status, figures, source_count, created_at, updated_at)
           VALUES ($1, $2, $3, $4, '{}', 'PK', '[]', 'active', '[]', 0, 'x', 'x')`,
          [`inc_${len}`, start, len === 0 ? null : last, last],
        )
        want.set(`inc_${len}`, dateSpanClass(start, last))
      }
      await c.query(`INSERT INTO incidents (id, date, victims, status, figures, source_count, created_at, updated_at) VALUES ('inc_undated', '{}', '[]', 'active', '[]', 0, 'x', 'x')`)
      want.set('inc_undated', null)
      const store = await openPostgresStore(url, { schema })
      try {
        const got = await store.incidents.candidates({ date: { start: '2011-03-01', end: '2011-03-01', precision: 'day' }, limit: 100 })
        expect(got.map((i) => i.id).sort()).toEqual(SPAN_LENGTHS.map((l) => `inc_${l}`).sort())
        const rows = await c.query<{ id: string; date_span: number | null }>('SELECT id, date_span FROM incidents')
        expect(new Map(rows.rows.map((r) => [r.id, r.date_span]))).toEqual(want)
      } finally {
        await store.close()
        await c.end()
      }
    })

    it('serialises findings replaced by two processes at once, keeping one whole set: the latest begun', async () => {
      // Two stores, each with its own pool: two API processes on one database, as far as PostgreSQL can tell.
      const schema = `findings${++n}`
      const [a, b] = [await openPostgresStore(url, { schema, poolSize: 2 }), await openPostgresStore(url, { schema, poolSize: 2 })]
      try {
        const set = (tag: string, round: number) => Array.from({ length: 300 }, (_, i) => finding(`fnd_${tag}${round}_${i}`, [`clm_${i}`, `clm_${i + 1}`]))
        for (let round = 0; round < 8; round++) {
          const [early, late] = [await a.findings.beginCheck(), await b.findings.beginCheck()]
          // The run begun earlier sometimes starts its replacement first, sometimes second.
          const [older, newer] = [set('a', round), set('b', round)]
          const replaced = round % 2 === 0
            ? await Promise.all([a.findings.replaceAll(older, early), b.findings.replaceAll(newer, late)])
            : (await Promise.all([b.findings.replaceAll(newer, late), a.findings.replaceAll(older, early)])).reverse()
          expect(replaced[1]).toBe(true)
          const stored = (await b.findings.list({}, { limit: 1000 })).items.map((f) => f.id)
          expect(stored).toEqual(newer.map((f) => f.id))
        }
      } finally {
        await a.close()
        await b.close()
      }
    })

    it('opens through openStore with a postgres:// URL and migrates on first use', async () => {
      const store = await openStore({ kind: 'postgres', url })
      expect(store.kind).toBe('postgres')
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
      await store.close()
    })
  })
}

describe('PostgreSQL unreachable', () => {
  it('fails with store_unreachable naming host and port, without a stack in the message', async () => {
    const err = await openStore({ kind: 'postgres', url: 'postgres://reckon:secret-pw@127.0.0.1:1/reckon' }).catch((e: unknown) => e)
    expect(hasCode(err, 'store_unreachable')).toBe(true)
    const message = (err as Error).message
    expect(message).toContain('127.0.0.1:1')
    expect(message).not.toContain('secret-pw')
    expect(message).not.toMatch(/\n\s+at /)
  })
})
