/**
 * @module The one configuration object: read from the environment once at an entry point, validated, frozen.
 * Nothing below the entry points reads `process.env`.
 */
import { DomainError } from './domain/errors.js'

/** Which store to use and where. */
export type DatabaseConfig =
  /** `createFolder`: the default path's folder (./data) is made on first use; a path someone typed must exist. */
  | { readonly kind: 'sqlite'; readonly path: string; readonly createFolder?: boolean }
  | { readonly kind: 'postgres'; readonly url: string }

/** Every setting, read from the environment once by loadConfig. */
export interface Config {
  /** `DATABASE_URL`: `postgres://…` for PostgreSQL; `sqlite:PATH`, `file:PATH` or a plain path for SQLite. Default `./data/reckon.db`. */
  readonly database: DatabaseConfig
  /** `RECKON_MAX_DOCUMENT_BYTES`: largest document ingested or uploaded, in bytes. Default 50 MiB. */
  readonly maxDocumentBytes: number
  /** `RECKON_HOST` / `RECKON_PORT`: where `reckon serve` listens. Default 127.0.0.1:8080. */
  readonly host: string
  readonly port: number
  /** `RECKON_PRIVATE=1`: reads need a token too. Default: reads are public. */
  readonly privateReads: boolean
  /** `RECKON_MAX_BODY_BYTES`: largest JSON request body. Default 1 MiB. */
  readonly maxBodyBytes: number
  /** `RECKON_RATE_LIMIT`: requests per minute per token or IP. Default 600. 0 turns limiting off. */
  readonly rateLimitPerMinute: number
  /**
   * `RECKON_REQUEST_TIMEOUT_MS`: requests taking longer are answered 503. A streamed export is bounded per part
   * instead (a page of rows must be ready within it, or the download is aborted). Default 30000.
   */
  readonly requestTimeoutMs: number
  /**
   * `RECKON_READ_CACHE_MS`: how long a server may reuse its answer to the same incident list or totals URL. Writes
   * through that server show at once; writes through another process show within this time. Default 2000; 0 turns
   * the cache off.
   */
  readonly readCacheMs: number
  /**
   * `RECKON_SESSION_HOURS`: how long a browser sign-in lasts (an HttpOnly cookie issued for a token by
   * `POST /api/session`), unless signed out or its token revoked first. Default 168 (a week).
   */
  readonly sessionHours: number
  /**
   * `RECKON_LIST_INDEX`: `reckon serve` answers incident lists and totals from an in-memory copy of their columns
   * (about 100 bytes per incident per process), rebuilt in the background after each change and never used stale.
   * Default on; off answers every request from SQL.
   */
  readonly listIndex: boolean
  /**
   * `RECKON_CHECK_THREAD`: `reckon serve` re-checks the findings after writes on a worker thread with its own
   * connection to the store, so the check never holds the thread answering requests. Default on; off runs it on
   * that thread (as before; for comparison).
   */
  readonly checkThread: boolean
  /**
   * `RECKON_SERVE_WORKERS`: processes `reckon serve` runs, each answering requests on the shared port (reads run in
   * parallel, one per core; SQLite's WAL lets every process read while one writes). Default 1.
   */
  readonly serveWorkers: number
  /**
   * `RECKON_DOCUMENT_TIMEOUT_MS`: reading one document and extracting its claims, off the main thread, must finish
   * within this, or the document is refused (`timeout`) and its worker thread ended. The API uses the smaller of
   * this and RECKON_REQUEST_TIMEOUT_MS. Default 120000.
   */
  readonly documentTimeoutMs: number
  /** `RECKON_DOCUMENT_MEMORY_MB`: heap limit of each thread reading documents; a document needing more is refused (`too_large`). Default 1024. */
  readonly documentMemoryMb: number
  /**
   * `RECKON_PUBLIC_EXTRACT_BYTES`: largest text `POST /api/extract` takes without a token (UTF-8 bytes); a larger
   * one needs a token, up to RECKON_MAX_DOCUMENT_BYTES. Default 262144 (256 KiB).
   */
  readonly publicExtractBytes: number
  /** `RECKON_EXTRACT_RATE_LIMIT`: `POST /api/extract` requests per minute per IP without a token, on top of RECKON_RATE_LIMIT. Default 30; 0 turns it off. */
  readonly extractRateLimitPerMinute: number
  /** `RECKON_LOG_LEVEL`: the least severe log events `serve` and `worker` write: error, warn, info or debug. Default info. */
  readonly logLevel: 'error' | 'warn' | 'info' | 'debug'
  /** `RECKON_DEBUG=1`: an unexpected error prints its stack trace, not only its message. Default off. */
  readonly debug: boolean
  /** How queued jobs retry and expire (`reckon worker`, `--queue`). */
  readonly queue: QueueConfig
}

/** The job queue's policy, from the environment. */
export interface QueueConfig {
  /**
   * `RECKON_JOB_EXPIRE_SECONDS`: a job still active after this long counts as crashed and is run again. Default 900.
   * Import jobs are split into parts small enough to finish well within it (`importPartRows`).
   */
  readonly expireInSeconds: number
  /** `RECKON_JOB_RETRY_LIMIT`: retries of a failed job. Default 5. */
  readonly retryLimit: number
  /** `RECKON_JOB_RETRY_DELAY`: seconds before the first retry; each later retry waits about twice as long. Default 5. */
  readonly retryDelaySeconds: number
  /** `RECKON_IMPORT_PART_ROWS`: rows per queued import part job. Default 20000. */
  readonly importPartRows: number
}

export const DEFAULT_SQLITE_PATH = './data/reckon.db'
const DEFAULT_DATABASE: DatabaseConfig = Object.freeze({ kind: 'sqlite', path: DEFAULT_SQLITE_PATH, createFolder: true })

/** Parses `DATABASE_URL` (or its absence) into a database config. */
export function parseDatabaseUrl(value: string | undefined): DatabaseConfig {
  const v = value?.trim()
  if (!v) return DEFAULT_DATABASE
  if (/^postgres(ql)?:\/\//i.test(v)) return { kind: 'postgres', url: v }
  if (/^sqlite:/i.test(v)) {
    const path = v.replace(/^sqlite:(\/\/)?/i, '')
    return path === '' ? DEFAULT_DATABASE : { kind: 'sqlite', path }
  }
  if (/^file:/i.test(v)) return { kind: 'sqlite', path: v.replace(/^file:(\/\/)?/i, '') }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) throw new Error(`unsupported database URL scheme "${v.split(':')[0]}" (use postgres:// or a SQLite file path)`)
  return { kind: 'sqlite', path: v }
}

/** Reads and validates configuration from an environment; throws one error listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const problems: string[] = []
  const int = (key: string, dflt: number, min: number, max: number): number => {
    const raw = env[key]
    if (raw === undefined || raw.trim() === '') return dflt
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`)
      return dflt
    }
    return n
  }
  const onOff = (key: string, dflt: boolean): boolean => {
    const raw = (env[key] ?? '').trim().toLowerCase()
    if (raw === '') return dflt
    if (['1', 'on', 'true', 'yes'].includes(raw)) return true
    if (['0', 'off', 'false', 'no'].includes(raw)) return false
    problems.push(`${key} must be on or off (got "${env[key]}")`)
    return dflt
  }
  let database: DatabaseConfig = DEFAULT_DATABASE
  try {
    database = parseDatabaseUrl(env.DATABASE_URL)
  } catch (e) {
    problems.push(`DATABASE_URL: ${(e as Error).message}`)
  }
  const logLevel = (env.RECKON_LOG_LEVEL ?? 'info').trim()
  if (!['error', 'warn', 'info', 'debug'].includes(logLevel)) problems.push(`RECKON_LOG_LEVEL must be error, warn, info or debug (got "${logLevel}")`)
  const config: Config = {
    database,
    maxDocumentBytes: int('RECKON_MAX_DOCUMENT_BYTES', 50 * 1024 * 1024, 1, 2 ** 40),
    host: env.RECKON_HOST?.trim() || '127.0.0.1',
    port: int('RECKON_PORT', 8080, 0, 65535),
    // Parsed like every switch: an unknown value is refused, never taken as off (which would leave reads public).
    privateReads: onOff('RECKON_PRIVATE', false),
    maxBodyBytes: int('RECKON_MAX_BODY_BYTES', 1024 * 1024, 1024, 2 ** 32),
    rateLimitPerMinute: int('RECKON_RATE_LIMIT', 600, 0, 1_000_000),
    requestTimeoutMs: int('RECKON_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    readCacheMs: int('RECKON_READ_CACHE_MS', 2000, 0, 600_000),
    sessionHours: int('RECKON_SESSION_HOURS', 168, 1, 24 * 366),
    listIndex: onOff('RECKON_LIST_INDEX', true),
    checkThread: onOff('RECKON_CHECK_THREAD', true),
    serveWorkers: int('RECKON_SERVE_WORKERS', 1, 1, 64),
    documentTimeoutMs: int('RECKON_DOCUMENT_TIMEOUT_MS', 120_000, 100, 86_400_000),
    documentMemoryMb: int('RECKON_DOCUMENT_MEMORY_MB', 1024, 64, 65_536),
    publicExtractBytes: int('RECKON_PUBLIC_EXTRACT_BYTES', 256 * 1024, 0, 2 ** 40),
    extractRateLimitPerMinute: int('RECKON_EXTRACT_RATE_LIMIT', 30, 0, 1_000_000),
    logLevel: logLevel as Config['logLevel'],
    debug: onOff('RECKON_DEBUG', false),
    queue: Object.freeze({
      expireInSeconds: int('RECKON_JOB_EXPIRE_SECONDS', 900, 1, 86_000),
      retryLimit: int('RECKON_JOB_RETRY_LIMIT', 5, 0, 100),
      retryDelaySeconds: int('RECKON_JOB_RETRY_DELAY', 5, 1, 3600),
      importPartRows: int('RECKON_IMPORT_PART_ROWS', 20_000, 1, 10_000_000),
    }),
  }
  if (problems.length > 0) throw new DomainError('config_invalid', `invalid configuration:\n  - ${problems.join('\n  - ')}`, { details: { problems } })
  return Object.freeze(config)
}
