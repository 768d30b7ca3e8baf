/** @module `reckon db migrate`, and the one way CLI commands open the configured store. */
import type { Command } from 'commander'
import { describeDatabase, isNewSqliteStore, migrateStore, openStore } from '../../storage/open-store.js'
import type { OpenOptions, Store } from '../../storage/store.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'

/** Opens the configured store (migrating it on first use) and closes it when the command ends. */
export async function openCliStore(ctx: CliContext, opts: OpenOptions = {}): Promise<Store> {
  const store = await openStore(ctx.config().database, opts)
  ctx.onExit(() => store.close())
  return store
}

/**
 * Opens the store for a command that only reads. When that creates a new SQLite store, it says so on stderr: the
 * command then answers from an empty store, and the user should know why (a mistyped DATABASE_URL, another folder).
 */
export async function openCliStoreToRead(ctx: CliContext, opts: OpenOptions = {}): Promise<Store> {
  const database = ctx.config().database
  const created = isNewSqliteStore(database)
  const store = await openCliStore(ctx, opts)
  if (created) println(ctx.io.stderr, `reckon: no store at ${describeDatabase(database)} yet: created a new, empty one (set DATABASE_URL to use another)`)
  return store
}

/** Registers `reckon db` and its subcommands. */
export function dbCommand(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('database maintenance (DATABASE_URL picks the store; default ./data/reckon.db)')
  db.command('migrate')
    .description('create the database or bring its schema up to date; refuses a database from a newer Reckon')
    .action(async () => {
      const database = ctx.config().database
      const report = await migrateStore(database)
      const where = describeDatabase(database)
      if (report.applied.length === 0) println(ctx.io.stdout, `${where}: schema is up to date (version ${report.to})`)
      else {
        for (const m of report.applied) println(ctx.io.stdout, `applied ${m.version}: ${m.name}`)
        println(ctx.io.stdout, `${where}: schema version ${report.from} → ${report.to}`)
      }
    })
}
