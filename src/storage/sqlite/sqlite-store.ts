/**
 * @module The embedded store: one SQLite file (better-sqlite3), WAL, FTS5, created on first use.
 *
 * better-sqlite3 is synchronous, which makes it fast (no round trips) but means an async transaction must keep
 * other callers out while it awaits: the executor holds a gate that every outer call waits on.
 */
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { DomainError } from '../../domain/errors.js'
import { refuseNewer, runMigrationsSync } from '../migrate.js'
import type { MigrationReport, OpenOptions, Store } from '../store.js'
import type { Executor, Row, SqlValue } from '../sql/executor.js'
import { ListIndex } from '../sql/list-index.js'
import { SqlStore } from '../sql/sql-store.js'
import { restoreAbandonedIndexes } from './sqlite-bulk-load.js'
import { sqliteDialect } from './sqlite-dialect.js'
import { WalCheckpointer } from './wal-checkpointer.js'

type Db = Database.Database
type Stmt = Database.Statement<unknown[]>

/**
 * Rows inserted in bulk (insertMany) since the last commit above which the commit asks for a checkpoint on the
 * checkpointer's thread: a bulk import's batch, not an API write of a claim or two, which the writer's automatic
 * checkpoint serves as before.
 */
const BULK_CHECKPOINT_ROWS = 1000

/** Shared state of one connection: prepared statements, the transaction gate and the WAL checkpointer. */
class Connection {
  readonly statements = new Map<string, Stmt>()
  /** Resolves when the open transaction ends; null when none is open. */
  gate: Promise<void> | null = null
  /** Rows insertMany wrote since the last commit. */
  bulkRows = 0

  constructor(
    readonly db: Db,
    /** Null for an in-memory database, which has no WAL. */
    readonly checkpointer: WalCheckpointer | null,
  ) {}

  /** After a commit: a bulk one has its WAL pages copied into the file on the checkpointer's thread. */
  committed(): void {
    if (this.bulkRows >= BULK_CHECKPOINT_ROWS) this.checkpointer?.request()
    this.bulkRows = 0
  }

  prepare(sql: string): Stmt {
    let s = this.statements.get(sql)
    if (s === undefined) {
      // Statements with IN lists and multi-row VALUES vary in length; a bound keeps the cache from growing forever.
      if (this.statements.size >= 2000) this.statements.clear()
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  async waitIdle(): Promise<void> {
    while (this.gate !== null) await this.gate
  }
}

/** SQLite's full disk (SQLITE_FULL, also a database at its max_page_count) as `storage_full`; any other error unchanged. */
export function sqliteError(e: unknown): unknown {
  if ((e as { code?: unknown }).code !== 'SQLITE_FULL') return e
  return new DomainError('storage_full', 'the disk holding the SQLite database is full; nothing was stored', { cause: e })
}

class SqliteExecutor implements Executor {
  constructor(
    private readonly c: Connection,
    readonly inTransaction: boolean,
  ) {}

  /** Runs `f` once no transaction of another caller is open; the check and the call share one tick, so none can start between. */
  private async when<T>(f: () => T): Promise<T> {
    if (!this.inTransaction) while (this.c.gate !== null) await this.c.gate
    try {
      return f()
    } catch (e) {
      throw sqliteError(e)
    }
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.when(() => this.c.prepare(sql).all(...params) as T[])
  }

  async get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.when(() => this.c.prepare(sql).get(...params) as T | undefined)
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.when(() => this.c.prepare(sql).run(...params).changes)
  }

  async changeStamp(): Promise<string | null> {
    // total_changes() counts this connection's row changes (so its own commits move the stamp, and a rolled-back
    // change too, which only costs a needless rebuild); data_version moves when any other connection commits.
    const r = await this.get<{ c: number; v: number }>('SELECT total_changes() AS c, data_version AS v FROM pragma_data_version')
    return r === undefined ? null : `${r.v}:${r.c}`
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], ignoreConflicts = false): Promise<void> {
    const stmt = this.c.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`,
    )
    // One synchronous loop over a prepared statement: the fastest way into SQLite, and atomic under the caller's transaction.
    // (Multi-row INSERTs of 16 rows measured slower: building their flat parameter lists cost more than the calls saved.)
    const insert = this.c.db.transaction((rs: readonly (readonly SqlValue[])[]) => {
      for (const r of rs) stmt.run(...r)
    })
    await this.when(() => insert(rows))
    this.c.bulkRows += rows.length
    if (!this.inTransaction) this.c.committed()
  }

  async transaction<T>(fn: (x: Executor) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this)
    while (this.c.gate !== null) await this.c.gate
    let release!: () => void
    this.c.gate = new Promise<void>((resolve) => (release = resolve))
    try {
      // IMMEDIATE takes the write lock now, so another process writing the same file waits (busy_timeout) instead of failing at COMMIT.
      this.c.db.exec('BEGIN IMMEDIATE')
      try {
        const out = await fn(new SqliteExecutor(this.c, true))
        this.c.db.exec('COMMIT')
        this.c.committed()
        return out
      } catch (e) {
        if (this.c.db.inTransaction) this.c.db.exec('ROLLBACK')
        this.c.bulkRows = 0
        throw sqliteError(e)
      }
    } finally {
      this.c.gate = null
      release()
    }
  }

  async close(): Promise<void> {
    await this.c.waitIdle()
    if (!this.c.db.open) return
    try {
      // First, so that this connection is the last one open and its close leaves no WAL behind.
      await this.c.checkpointer?.close()
      // Refreshes planner statistics for tables that grew or shrank a lot (0x10000: check every table), reading them
      // whole (no 0x10 sample limit): sampled statistics of the filter indexes made the planner read rows it could
      // have skipped. It runs only after large changes (a 10x growth), so the cost is paid once per import, not per close.
      if (!this.c.db.readonly) this.c.db.pragma('optimize = 0x10002')
    } catch (e) {
      // On a full disk the statistics cannot be written: the command still fails (storage_full), but the file is closed.
      throw sqliteError(e)
    } finally {
      this.c.db.close()
    }
  }
}

/**
 * Page size of a database created from now on (an existing file keeps its own: changing it means rewriting the file).
 * 8 KiB instead of SQLite's 4 KiB: dataset rows run to a kilobyte or more, so fewer pages per row, less space lost at
 * page ends and shallower indexes; a 200,000-row ACLED load measured 4% faster and 2% smaller (bench/import.mjs).
 */
const NEW_FILE_PAGE_SIZE = 8192

/** Sets the page size of a database that has no schema yet; it must come before WAL mode and the first table. */
function setNewFilePageSize(db: Db, version: number): void {
  if (version === 0) db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`)
}

/** Highest migration recorded in a database, or 0 for a new one. */
function appliedVersion(db: Db): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
  if (has === undefined) return 0
  const r = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }
  return r.v ?? 0
}

/**
 * Applies pending migrations through the shared runner. SQLite's documented way to change a table's constraints
 * (migration 8) is to rebuild it, with foreign keys off, as dropping a parent table would otherwise fail; so each
 * migration proves it left every reference whole before it commits. The setting can only change outside a
 * transaction, so it wraps them all. Each migration's IMMEDIATE transaction holds the file's write lock, so two
 * processes migrating at once take turns, and the second finds the first's migrations recorded.
 */
function migrate(db: Db, path: string): MigrationReport {
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1
  db.pragma('foreign_keys = OFF')
  try {
    return runMigrationsSync(path, {
      statements: (m) => sqliteDialect.migrationStatements(m),
      answer: (req) => {
        switch (req.op) {
          case 'version':
            return appliedVersion(db)
          case 'begin':
            db.exec('BEGIN IMMEDIATE')
            return
          case 'exec':
            if (req.params.length === 0) db.exec(req.sql)
            else db.prepare(req.sql).run(...req.params)
            return
          case 'verify': {
            const broken = db.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[]
            if (broken.length > 0) {
              throw new DomainError('internal_error', `migration ${req.version} would leave ${broken.length} broken references (first: ${broken[0]!.table} → ${broken[0]!.parent}); nothing was changed`)
            }
            return
          }
          case 'commit':
            db.exec('COMMIT')
            return
          case 'rollback':
            if (db.inTransaction) db.exec('ROLLBACK')
            return
        }
      },
    })
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON')
  }
}

function openDb(path: string): Db {
  // A mistyped path must not quietly become a new, empty store somewhere: the folder has to exist already.
  if (path !== ':memory:' && !existsSync(dirname(path))) {
    throw new DomainError('store_unreachable', `the folder of the SQLite database ${path} does not exist (${dirname(path)}): create it, or fix DATABASE_URL`)
  }
  let db: Db
  try {
    db = new Database(path)
    // Reading the schema first also proves the file is a database before anything writes to it.
    db.pragma('busy_timeout = 10000')
    appliedVersion(db)
  } catch (e) {
    throw new DomainError('store_unreachable', `cannot open SQLite database ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
  return db
}

/**
 * What every opening does before it migrates or reads: refuses a database written by a newer Reckon, gives a new
 * file its page size, and turns on WAL. Returns the schema version found.
 */
function prepareFile(db: Db, path: string): number {
  const version = appliedVersion(db)
  refuseNewer(version, path)
  setNewFilePageSize(db, version)
  db.pragma('journal_mode = WAL')
  return version
}

/**
 * Opens (creating if needed) a SQLite store at `path` (":memory:" for a throwaway one). Refuses a database written
 * by a newer Reckon with `schema_too_new`, before writing anything to it.
 */
export function openSqliteStore(path: string, opts: OpenOptions = {}): Store {
  const db = openDb(path)
  try {
    const version = prepareFile(db, path)
    // NORMAL is durable against a killed process in WAL mode; only a power cut can lose the last commits.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // Up to 128 MiB of page cache: bulk imports insert hash-keyed ids at random places in the indexes, and a
    // small cache turns each of those into a disk read once the file outgrows it. The cache is a bound, not a reservation.
    db.pragma('cache_size = -131072')
    // A bulk import's commit dirties thousands of index pages; checkpointing them back into the file after every
    // commit (the default, at 1,000 pages of WAL) wrote each page twice per batch. 16,384 pages (64 MiB) lets a hot
    // page be checkpointed once for many commits; the WAL is emptied again at each checkpoint. After a bulk commit
    // the checkpointer's thread does it sooner (see WalCheckpointer), and this remains the fallback.
    db.pragma('wal_autocheckpoint = 16384')
    if (opts.migrate !== false) migrate(db, path)
    else if (version === 0) throw new DomainError('invalid_input', `${path} has no Reckon schema yet; run "reckon db migrate"`)
    // Indexes set aside by a bulk load (migration 6 on) whose process is gone are rebuilt before anything reads.
    if (appliedVersion(db) >= 6) restoreAbandonedIndexes(db)
  } catch (e) {
    db.close()
    throw e
  }
  const executor = new SqliteExecutor(new Connection(db, path === ':memory:' || db.readonly ? null : new WalCheckpointer(path)), false)
  return new SqlStore(executor, sqliteDialect, () => executor.close(), opts.listIndex === undefined || opts.listIndex === 'off' ? null : new ListIndex(executor, sqliteDialect, opts.listIndex))
}

/** Applies pending migrations to the SQLite database at `path` and reports what ran. */
export function migrateSqlite(path: string): MigrationReport {
  const db = openDb(path)
  try {
    prepareFile(db, path)
    return migrate(db, path)
  } finally {
    db.close()
  }
}
