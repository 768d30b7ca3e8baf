/**
 * @module The one migration runner both stores use. It is written once, as a plan that yields each request it makes
 * of the database (read the version, begin, run a statement, verify, commit): better-sqlite3 answers synchronously
 * (a SQLite store opens without awaiting) and pg asynchronously, and each adapter's MigrationConnection answers them
 * on its own driver, holding its own lock around the whole run (an advisory lock on PostgreSQL; on SQLite the
 * write lock each migration's IMMEDIATE transaction takes, with foreign keys off around them).
 */
import { DomainError } from '../domain/errors.js'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js'
import type { SqlValue } from './sql/executor.js'
import type { MigrationReport } from './store.js'

/** One request the runner makes; the connection answers `version` with a number and the rest with nothing. */
export type MigrationRequest =
  | { readonly op: 'version' }
  | { readonly op: 'begin' }
  | { readonly op: 'exec'; readonly sql: string; readonly params: readonly SqlValue[] }
  | { readonly op: 'verify'; readonly version: number }
  | { readonly op: 'commit' }
  | { readonly op: 'rollback' }

/** A store's side of the runner on one connection: `R` is what an answer is (a value, or a promise of one). */
export interface MigrationConnection<R> {
  /** This dialect's statements of a migration. */
  statements(m: Migration): readonly string[]
  /** Answers one request; `exec` has `?` placeholders. */
  answer(req: MigrationRequest): R
}

type Plan = Generator<MigrationRequest, MigrationReport, number | undefined>

const CREATE_SCHEMA_MIGRATIONS = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'

/** The run: every pending migration in order, each in its own step, recorded in `schema_migrations` as it commits. */
function* plan(where: string, statements: (m: Migration) => readonly string[]): Plan {
  const from = Number(yield { op: 'version' })
  refuseNewer(from, where)
  const applied: { version: number; name: string }[] = []
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue
    yield { op: 'begin' }
    try {
      yield { op: 'exec', sql: CREATE_SCHEMA_MIGRATIONS, params: [] }
      for (const sql of statements(m)) yield { op: 'exec', sql, params: [] }
      yield { op: 'verify', version: m.version }
      yield { op: 'exec', sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', params: [m.version, m.name, new Date().toISOString()] }
      yield { op: 'commit' }
    } catch (e) {
      yield { op: 'rollback' }
      throw e
    }
    applied.push({ version: m.version, name: m.name })
  }
  return { from, to: Number(yield { op: 'version' }), applied }
}

/** Applies pending migrations on a connection that answers synchronously (call it holding the store's lock). */
export function runMigrationsSync(where: string, c: MigrationConnection<number | void>): MigrationReport {
  const run = plan(where, (m) => c.statements(m))
  let step = run.next()
  while (!step.done) {
    let reply: number | void
    try {
      reply = c.answer(step.value)
    } catch (e) {
      // The plan rolls its step back and rethrows, out of this loop.
      step = run.throw(e)
      continue
    }
    step = run.next(reply ?? undefined)
  }
  return step.value
}

/** Applies pending migrations on a connection that answers asynchronously (call it holding the store's lock). */
export async function runMigrations(where: string, c: MigrationConnection<Promise<number | void>>): Promise<MigrationReport> {
  const run = plan(where, (m) => c.statements(m))
  let step = run.next()
  while (!step.done) {
    let reply: number | void
    try {
      reply = await c.answer(step.value)
    } catch (e) {
      step = run.throw(e)
      continue
    }
    step = run.next(reply ?? undefined)
  }
  return step.value
}

/** Refuses a database written by a newer Reckon (`where` names it, for the message) before anything writes to it. */
export function refuseNewer(version: number, where: string): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new DomainError(
      'schema_too_new',
      `${where} is at schema version ${version}, newer than this Reckon understands (${LATEST_SCHEMA_VERSION}); upgrade Reckon to use it`,
      { details: { version, supported: LATEST_SCHEMA_VERSION } },
    )
  }
}
