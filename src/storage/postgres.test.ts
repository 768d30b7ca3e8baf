/**
 * @module The store contract on PostgreSQL, plus what only the PostgreSQL adapter does.
 * Uses its own fresh database (dropped afterwards) and a fresh schema per test; skipped without TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { hasCode } from '../domain/errors.js'
import { LATEST_SCHEMA_VERSION } from './migrations.js'
import { openStore } from './open-store.js'
import { openPostgresStore } from './postgres/postgres-store.js'
import { runStoreContract, sourceInput } from './store.contract.js'
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

  runStoreContract('postgres', () => openPostgresStore(url, { schema: `t${++n}`, poolSize: 3 }))

  describe('PostgreSQL adapter', () => {
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
