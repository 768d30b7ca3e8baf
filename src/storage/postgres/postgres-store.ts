/**
 * @module The server store: PostgreSQL through `pg`, tsvector full-text search, many processes on one database.
 */
import pg from 'pg'
import { DomainError } from '../../domain/errors.js'
import { refuseNewer, runMigrations } from '../migrate.js'
import { CHANGES_CHANNEL } from '../migrations.js'
import type { MigrationReport, OpenOptions, Store } from '../store.js'
import type { Executor, Row, SqlValue } from '../sql/executor.js'
import { ListIndex } from '../sql/list-index.js'
import { SqlStore } from '../sql/sql-store.js'
import { postgresDialect } from './postgres-dialect.js'

/** Options beyond the URL. */
export interface PostgresOptions extends OpenOptions {
  /** Schema to use instead of `public` (created when missing); lets tests share one database in isolation. */
  readonly schema?: string
  /** Connections in the pool; default 10. */
  readonly poolSize?: number
}

/** Keeps parameters under PostgreSQL's limit of 65,535 per statement. */
const MAX_PARAMS = 60_000
/** Any fixed number: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 724_311_001

/** Rewrites `?` placeholders as `$1, $2, …` (the shared SQL never has a literal question mark). */
function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

type Queryable = pg.Pool | pg.PoolClient

/**
 * Knows when the data changed: this process's writes are counted as they commit, every process's commits (this
 * one's included) arrive as notifications (migration 7) on a connection of its own. While that connection is down
 * nothing can be known, and the stamp is null; each reconnection starts a new epoch, since commits may have been missed.
 *
 * A notification is sent when its transaction commits, but reaches this process a moment later. So that a commit
 * anywhere is seen by every read that starts after it, each stamp first makes a round trip on the listening
 * connection: PostgreSQL sends the notifications queued for it before the answer, and they are counted first.
 */
class ChangeClock {
  private client: pg.Client | null = null
  private connected = false
  private closed = false
  private epoch = 0
  private seen = 0
  private local = 0
  private retry: NodeJS.Timeout | null = null

  constructor(private readonly config: pg.ClientConfig) {}

  /** Counts a write of this process (call after it commits). */
  wrote(): void {
    this.local++
  }

  async stamp(): Promise<string | null> {
    const client = this.client
    if (!this.connected || client === null) {
      void this.start()
      return null
    }
    try {
      await this.sync(client)
    } catch {
      return null
    }
    return this.connected && this.client === client ? `${this.epoch}:${this.seen}:${this.local}` : null
  }

  private inflight: Promise<void> | null = null
  private following: Promise<void> | null = null

  /**
   * One round trip on the listening connection that began after this call: one in flight already may have been sent
   * before a commit this caller must see, so callers arriving meanwhile share the next one (a client runs one query
   * at a time anyway).
   */
  private sync(client: pg.Client): Promise<void> {
    if (this.inflight === null) {
      this.inflight = client
        .query('SELECT 1')
        .then(() => undefined)
        .finally(() => (this.inflight = null))
      return this.inflight
    }
    this.following ??= this.inflight
      .catch(() => undefined)
      .then(() => {
        this.following = null
        return this.sync(client)
      })
    return this.following
  }

  /** Connects and listens, unless already doing so; resolves when connected or failed (never rejects). */
  start(): Promise<void> {
    if (this.client !== null || this.closed || this.retry !== null) return Promise.resolve()
    const client = new pg.Client(this.config)
    this.client = client
    const down = (): void => {
      if (this.client !== client) return
      this.client = null
      this.connected = false
      void client.end().catch(() => undefined)
      // Try again a little later: the next stamp asked for after that reconnects.
      if (!this.closed) this.retry = setTimeout(() => (this.retry = null), 1000).unref()
    }
    client.on('error', down)
    client.on('end', down)
    client.on('notification', () => this.seen++)
    return client
      .connect()
      .then(() => client.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return
        this.epoch++
        this.connected = true
      })
      .catch(down)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.retry !== null) clearTimeout(this.retry)
    const c = this.client
    this.client = null
    this.connected = false
    await c?.end().catch(() => undefined)
  }
}

/** SQLSTATEs that mean the session is gone or cannot start: admin or crash shutdown, starting up, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])

/**
 * What a failed query means to callers: a lost, refused or timed-out connection (an error the driver raises itself,
 * or a connection-class SQLSTATE) is `database_unavailable`, a disk-full SQLSTATE is `storage_full`; any other
 * server error (a constraint, a bug in SQL) stays as it is.
 */
export function postgresError(e: unknown): unknown {
  if (e instanceof DomainError) return e
  if (e instanceof pg.DatabaseError) {
    const state = e.code ?? ''
    if (state === '53100') return new DomainError('storage_full', 'the PostgreSQL server has no disk space left; nothing was stored', { cause: e })
    if (!state.startsWith('08') && !UNAVAILABLE_STATES.has(state)) return e
  }
  const reason = (e as { code?: unknown }).code
  return new DomainError('database_unavailable', 'the connection to PostgreSQL was lost or refused; nothing was acknowledged, try again', {
    cause: e,
    ...(typeof reason === 'string' ? { details: { reason } } : {}),
  })
}

/** Runs one statement, turning driver failures into domain errors (see postgresError). */
async function query(q: Queryable, sql: string, params?: SqlValue[]): Promise<pg.QueryResult> {
  try {
    return await q.query(sql, params)
  } catch (e) {
    throw postgresError(e)
  }
}

class PostgresExecutor implements Executor {
  constructor(
    private readonly pool: pg.Pool,
    private readonly q: Queryable,
    readonly inTransaction: boolean,
    private readonly clock: ChangeClock | null = null,
  ) {}

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await query(this.q, numbered(sql), params as SqlValue[])).rows as T[]
  }

  async get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0]
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const changed = (await query(this.q, numbered(sql), params as SqlValue[])).rowCount ?? 0
    if (!this.inTransaction) this.clock?.wrote()
    return changed
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], ignoreConflicts = false): Promise<void> {
    const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
    // Multi-row VALUES: one round trip per few thousand rows instead of one per row.
    for (let i = 0; i < rows.length; i += per) {
      const part = rows.slice(i, i + per)
      const params: SqlValue[] = []
      const values = part.map((r) => {
        const base = params.length
        params.push(...r)
        return `(${r.map((_, j) => `$${base + j + 1}`).join(', ')})`
      })
      await query(this.q, `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`, params)
      if (!this.inTransaction) this.clock?.wrote()
    }
  }

  async changeStamp(): Promise<string | null> {
    return this.clock === null ? null : this.clock.stamp()
  }

  async transaction<T>(fn: (x: Executor) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this)
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (e) {
      throw postgresError(e)
    }
    // pg-pool listens for a client's 'error' only while it is idle: a connection cut while checked out would emit an
    // unhandled 'error' and end the process. Here it only fails the statements of this transaction.
    let lost: Error | undefined
    const onError = (e: Error): void => {
      lost ??= e
    }
    client.on('error', onError)
    try {
      await query(client, 'BEGIN')
      try {
        const out = await fn(new PostgresExecutor(this.pool, client, true, this.clock))
        // A COMMIT that fails with the connection is not acknowledged: whether it took effect, the caller cannot know.
        await query(client, 'COMMIT')
        // Counted here as well as notified: this process's next read must not wait for its own notification.
        this.clock?.wrote()
        return out
      } catch (e) {
        // A dead connection cannot roll back, and need not: PostgreSQL aborts its open transaction.
        await client.query('ROLLBACK').catch(() => undefined)
        throw lost === undefined ? e : postgresError(e)
      }
    } finally {
      client.off('error', onError)
      // A broken client is destroyed rather than handed to the next caller.
      client.release(lost)
    }
  }

  async close(): Promise<void> {
    await this.clock?.close()
    await this.pool.end()
  }
}

/** Host and port a URL points at, for messages (never the password). */
function whereOf(url: string): { host: string; port: string; database: string } {
  try {
    const u = new URL(url)
    return { host: u.hostname || 'localhost', port: u.port || '5432', database: decodeURIComponent(u.pathname.replace(/^\//, '')) }
  } catch {
    return { host: 'localhost', port: '5432', database: '' }
  }
}

/** Turns a connection failure into `store_unreachable` naming host and port, without the driver's stack. */
function unreachable(url: string, e: unknown): DomainError {
  const { host, port, database } = whereOf(url)
  const code = (e as { code?: string }).code
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host not found'
        : code === '28P01' || code === '28000'
          ? 'authentication failed'
          : code === '3D000'
            ? `database "${database}" does not exist`
            : e instanceof Error && /timeout/i.test(e.message)
              ? 'timed out'
              : (code ?? 'connection failed')
  return new DomainError('store_unreachable', `cannot reach PostgreSQL at ${host}:${port}: ${why}`, { cause: e, details: { host, port } })
}

async function appliedVersion(q: Queryable): Promise<number> {
  const has = await q.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t")
  if (has.rows[0]?.t === null || has.rows[0]?.t === undefined) return 0
  const r = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
  return Number(r.rows[0]?.v ?? 0)
}

/** The database a URL names, for messages. */
function describe(url: string): string {
  const { host, port, database } = whereOf(url)
  return `PostgreSQL database ${database} at ${host}:${port}`
}

/**
 * Applies pending migrations through the shared runner, all in one transaction holding an advisory lock: two
 * servers starting at once, the second waits for the lock, then finds nothing left to apply. PostgreSQL's DDL is
 * transactional, so a failed migration leaves the database as it was; each step needs no transaction of its own.
 */
async function migrate(pool: pg.Pool, url: string): Promise<MigrationReport> {
  const client = await pool.connect()
  // A checked-out client has no listener of the pool's: a lost connection fails the migration, not the process.
  const onError = (): void => undefined
  client.on('error', onError)
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    const report = await runMigrations(describe(url), {
      statements: (m) => postgresDialect.migrationStatements(m),
      answer: async (req) => {
        if (req.op === 'version') return appliedVersion(client)
        if (req.op === 'exec') await client.query(numbered(req.sql), [...req.params])
      },
    })
    await client.query('COMMIT')
    return report
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw postgresError(e)
  } finally {
    client.off('error', onError)
    client.release()
  }
}

function clientConfig(url: string, opts: PostgresOptions): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: 5000,
    ...(opts.schema === undefined ? {} : { options: `-c search_path=${opts.schema}` }),
  }
}

async function connect(url: string, opts: PostgresOptions): Promise<pg.Pool> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new DomainError('config_invalid', `invalid PostgreSQL schema name "${opts.schema}"`)
  const pool = new pg.Pool({ ...clientConfig(url, opts), max: opts.poolSize ?? 10 })
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', () => undefined)
  try {
    const client = await pool.connect()
    const onError = (): void => undefined
    client.on('error', onError)
    try {
      if (opts.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`)
    } finally {
      client.off('error', onError)
      client.release()
    }
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw unreachable(url, e)
  }
  return pool
}

/**
 * Opens a PostgreSQL store, applying pending migrations unless `migrate: false`. Fails with `store_unreachable`
 * (naming host and port) when the server cannot be reached, and `schema_too_new` for a newer database.
 */
export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<Store> {
  const pool = await connect(url, opts)
  try {
    const version = await appliedVersion(pool)
    refuseNewer(version, describe(url))
    if (opts.migrate !== false) await migrate(pool, url)
    else if (version === 0) throw new DomainError('invalid_input', `the PostgreSQL database has no Reckon schema yet; run "reckon db migrate"`)
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw e
  }
  const indexed = opts.listIndex !== undefined && opts.listIndex !== 'off'
  const clock = indexed ? new ChangeClock(clientConfig(url, opts)) : null
  // Listening from the start, so the first lists can be answered from a snapshot; a failure here only means SQL answers.
  await clock?.start()
  const executor = new PostgresExecutor(pool, pool, false, clock)
  return new SqlStore(executor, postgresDialect, () => executor.close(), indexed ? new ListIndex(executor, postgresDialect, opts.listIndex) : null)
}

/** Applies pending migrations to the PostgreSQL database at `url` and reports what ran. */
export async function migratePostgres(url: string, opts: PostgresOptions = {}): Promise<MigrationReport> {
  const pool = await connect(url, opts)
  try {
    return await migrate(pool, url)
  } finally {
    await pool.end()
  }
}
