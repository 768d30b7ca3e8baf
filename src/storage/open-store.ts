/** @module Opens the store the configuration names: SQLite by default, PostgreSQL for a postgres:// URL. */
import type { DatabaseConfig } from '../config.js'
import { migratePostgres, openPostgresStore } from './postgres/postgres-store.js'
import { migrateSqlite, openSqliteStore } from './sqlite/sqlite-store.js'
import type { MigrationReport, OpenOptions, Store } from './store.js'

/** Opens (and by default migrates) the configured store. Throws store_unreachable or schema_too_new. */
export async function openStore(db: DatabaseConfig, opts: OpenOptions = {}): Promise<Store> {
  return db.kind === 'postgres' ? openPostgresStore(db.url, opts) : openSqliteStore(db.path, opts)
}

/** Applies pending migrations to the configured database and reports what ran. */
export async function migrateStore(db: DatabaseConfig): Promise<MigrationReport> {
  return db.kind === 'postgres' ? migratePostgres(db.url) : migrateSqlite(db.path)
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
