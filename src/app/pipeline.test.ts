/** @module The processing and checking acceptance suites on SQLite (in memory) and PostgreSQL (a fresh database; skipped without TEST_DATABASE_URL). */
import { randomBytes } from 'node:crypto'
import { describe, it } from 'vitest'
import { openPostgresStore } from '../storage/postgres/postgres-store.js'
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js'
import { runIncidentPlaceSuite } from './incident-place.contract.js'
import { runPipelineSuite } from './pipeline.contract.js'
import { usePgTestDatabase } from '../../test/helpers/pg-test-database.js'

runPipelineSuite('SQLite', () => Promise.resolve(openSqliteStore(':memory:')))
runIncidentPlaceSuite('SQLite', () => Promise.resolve(openSqliteStore(':memory:')))

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl === undefined || adminUrl === '') {
  describe('processing and checking on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test)', () => {})
  })
} else {
  const dbName = `reckon_pipeline_${randomBytes(4).toString('hex')}`
  let url = ''
  let n = 0
  usePgTestDatabase(adminUrl, dbName, (u) => (url = u))
  // Each test gets its own schema, so the seed ingested by one test is not already stored for the next.
  runPipelineSuite('PostgreSQL', () => openPostgresStore(url, { schema: `t${++n}`, poolSize: 3 }))
  runIncidentPlaceSuite('PostgreSQL', () => openPostgresStore(url, { schema: `t${++n}`, poolSize: 3 }))
}
