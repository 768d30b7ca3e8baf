/** @module The list of CLI commands; each lives in its own file and registers itself on the program. */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { checkCommand } from './check.js'
import { dbCommand } from './db.js'
import { demoCommand } from './demo.js'
import { exportCommand } from './export.js'
import { extractCommand } from './extract.js'
import { importCommand } from './import.js'
import { incidentsCommand } from './incidents.js'
import { ingestCommand } from './ingest.js'
import { matchCommand } from './match.js'
import { serveCommand } from './serve.js'
import { sourcesCommand } from './sources.js'
import { tokenCommand } from './token.js'
import { workerCommand } from './worker.js'

/** A command module: adds its subcommand(s) to the program. */
export type CommandModule = (program: Command, ctx: CliContext) => void

/** Every command, in `--help` order. */
export const COMMANDS: readonly CommandModule[] = [
  ingestCommand,
  importCommand,
  matchCommand,
  exportCommand,
  workerCommand,
  sourcesCommand,
  dbCommand,
  demoCommand,
  extractCommand,
  serveCommand,
  tokenCommand,
  incidentsCommand,
  checkCommand,
]
