/**
 * @module A throwaway PostgreSQL database for one test file: created before its tests from TEST_DATABASE_URL's
 * server, dropped (with any connections still open) after them, so test files never share state.
 */
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

/** Registers hooks that create database `name` on `adminUrl`'s server before the file's tests and drop it after; `ready` gets its URL. */
export function usePgTestDatabase(adminUrl: string, name: string, ready: (url: string) => void): void {
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    try {
      return await fn(c)
    } finally {
      await c.end()
    }
  }
  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`))
    const u = new URL(adminUrl)
    u.pathname = `/${name}`
    ready(u.toString())
  })
  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  })
}
