/**
 * @module Victim search by name is answered from an index on both stores (migration 14), never by reading every
 * victim: the planner's own account of the dialect's name condition, on SQLite and on PostgreSQL.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { victimNameKey } from '../../domain/victim-name.js'
import { usePgTestDatabase } from '../../../test/helpers/pg-test-database.js'
import { openPostgresStore } from '../postgres/postgres-store.js'
import { postgresDialect } from '../postgres/postgres-dialect.js'
import { openSqliteStore } from '../sqlite/sqlite-store.js'
import { sqliteDialect } from '../sqlite/sqlite-dialect.js'

const keys = ['Muham', 'Abdulrahman'].map(victimNameKey)

describe('victim search on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reckon-victim-index-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('finds names through the FTS5 index of name keys', async () => {
    const path = join(dir, 'store.db')
    await openSqliteStore(path).close()
    const db = new Database(path, { readonly: true })
    try {
      const match = sqliteDialect.victimNameMatch(keys)
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT v.id FROM victims v WHERE ${match.sql}`).all(...match.params) as { detail: string }[]).map((r) => r.detail)
      expect(plan.some((d) => /VIRTUAL TABLE INDEX/.test(d))).toBe(true)
      // The victims themselves are read by key, not scanned.
      expect(plan.some((d) => /^SCAN v\b/.test(d))).toBe(false)
    } finally {
      db.close()
    }
  })
})

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl === undefined || adminUrl === '') {
  describe('victim search on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test)', () => {})
  })
} else {
  describe('victim search on PostgreSQL', () => {
    let url = ''
    usePgTestDatabase(adminUrl, `reckon_victim_index_${randomBytes(4).toString('hex')}`, (u) => (url = u))

    it('finds names through the GIN index of name tsvectors', async () => {
      await (await openPostgresStore(url)).close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        // An empty table is cheapest to scan: forbid that, and the plan shows whether the index can answer at all.
        await c.query('SET enable_seqscan = off')
        const match = postgresDialect.victimNameMatch(keys)
        const { rows } = await c.query(`EXPLAIN SELECT v.id FROM victims v WHERE ${match.sql.replace('?', '$1')}`, [...match.params])
        expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan on victims_name_tsv/)
      } finally {
        await c.end()
      }
    })
  })
}
