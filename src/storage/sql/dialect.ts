/**
 * @module What differs between SQLite and PostgreSQL, as one capability object each adapter supplies (the shape of
 * Kysely's dialect adapters): the shared store and its repositories call these hooks and never ask which database
 * they are on. `sqlite/sqlite-dialect.ts` and `postgres/postgres-dialect.ts` implement it.
 */
import type { Migration } from '../migrations.js'
import type { Page, SourceHit } from '../store.js'
import type { Executor, SqlValue } from './executor.js'
import type { Scope } from './scope.js'

/** Limit and offset of a page, already bounded (pageBounds). */
export interface PageBounds {
  readonly limit: number
  readonly offset: number
}

/**
 * How a bulk load goes in fast. SQLite sets indexes aside and rebuilds them in one sorted pass each (its inserts at
 * random places in hash-keyed indexes are what bounds it); PostgreSQL keeps its indexes, and every hook is a no-op.
 */
export interface BulkLoad {
  /** Sets aside what a load may rebuild after (see BulkRepo.deferIndexes); resolves to how many. */
  deferIndexes(s: Scope): Promise<number>
  /** Rebuilds what this process's load (or a dead one's) set aside; resolves to how many. */
  restoreIndexes(s: Scope): Promise<number>
  /** Before a write that adds sources or claims outside the load's own path: puts the id indexes back, or refuses while another process loads. */
  guardIdIndexes(s: Scope): Promise<void>
  /** Before a re-issued row supersedes its earlier versions: what reading claims by source and updating them by id needs. */
  beforeSupersede(s: Scope): Promise<void>
}

/** One database's differences from the shared SQL. */
export interface Dialect {
  /** Which database this is, as Store.kind reports it (for people and logs: code never branches on it). */
  readonly name: 'sqlite' | 'postgres'
  /** Full-text search of sources with a highlighted snippet each, best first (FTS5 on SQLite, tsvector on PostgreSQL). */
  searchSources(x: Executor, words: string, page: PageBounds): Promise<Page<SourceHit>>
  /**
   * A field of a JSON object stored as text in `column`, as an SQL expression (json_extract on SQLite, ->> on
   * PostgreSQL); a 'number' field reads as a number. SQLite's form is what migration 13's map index covers.
   */
  jsonTextField(column: string, field: string, kind: 'text' | 'number'): string
  /**
   * A condition on victims aliased `v`: for each of `keys` (victim name keys, each one or more words), the name key
   * has that run of words with the last one as a prefix. Answered from the full-text index of names (migration 14).
   */
  victimNameMatch(keys: readonly string[]): { readonly sql: string; readonly params: readonly SqlValue[] }
  /** The bulk-load strategy. */
  readonly bulkLoad: BulkLoad
  /** A migration's statements in this dialect. */
  migrationStatements(m: Migration): readonly string[]
}
