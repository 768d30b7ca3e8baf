/**
 * @module A PostgreSQL advisory lock around a job's work, held on a connection of its own: while one worker runs a
 * part of an import, any other worker given the same part (its job taken for crashed) waits instead of running it
 * alongside. The lock dies with the connection, so a killed worker's lock is gone as soon as PostgreSQL notices.
 */
import pg from 'pg'
import { DomainError } from '../domain/errors.js'

/** Runs `fn` holding the advisory lock named `key` on the database at `url`; waits while another session holds it. */
export async function withJobLock<T>(url: string, key: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'reckon-job-lock' })
  // A connection lost mid-job is reported here instead of crashing the process; the job then fails and is retried.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (e) {
    throw new DomainError('store_unreachable', `cannot take the job lock: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key])
    return await fn()
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => undefined)
  }
}
