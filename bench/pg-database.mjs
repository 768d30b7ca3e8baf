/** @module A throwaway PostgreSQL database for one benchmark run, on the server of an admin URL. */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** Creates a fresh database on `adminUrl`'s server; returns its URL and a function that drops it (connections and all). */
export async function createBenchDatabase(adminUrl) {
  const name = `reckon_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}
