/** @module Opens the store the configuration names: SQLite by default, PostgreSQL for a postgres:// URL. */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseConfig } from '../config.js'
import { migratePostgres, openPostgresStore } from './postgres/postgres-store.js'
import { migrateSqlite, openSqliteStore } from './sqlite/sqlite-store.js'
import type { MigrationReport, OpenOptions, Store } from './store.js'

/** Opens (and by default migrates) the configured store. Throws store_unreachable or schema_too_new. */
export async function openStore(db: DatabaseConfig, opts: OpenOptions = {}): Promise<Store> {
  if (db.kind === 'postgres') return openPostgresStore(db.url, opts)
  makeDefaultFolder(db)
  return openSqliteStore(db.path, opts)
}

/** Applies pending migrations to the configured database and reports what ran. */
export async function migrateStore(db: DatabaseConfig): Promise<MigrationReport> {
  if (db.kind === 'postgres') return migratePostgres(db.url)
  makeDefaultFolder(db)
  return migrateSqlite(db.path)
}

/** True when the configured SQLite file does not exist yet (opening it will create a new, empty store). */
export function isNewSqliteStore(db: DatabaseConfig): boolean {
  return db.kind === 'sqlite' && db.path !== ':memory:' && !existsSync(db.path)
}

function makeDefaultFolder(db: Extract<DatabaseConfig, { kind: 'sqlite' }>): void {
  if (db.createFolder === true && db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true })
}

/** Where the configured database is, for messages (a PostgreSQL URL without its password). */
export function describeDatabase(db: DatabaseConfig): string {
  if (db.kind === 'sqlite') return `SQLite ${db.path}`
  try {
    const u = new URL(db.url)
    return `PostgreSQL ${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return 'PostgreSQL'
  }
}
