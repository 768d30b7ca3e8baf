#!/usr/bin/env node
/** @module The `reckon` command: parse argv, load config once, run one command, map errors to an exit code. */
import cluster from 'node:cluster'
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Command, CommanderError } from 'commander'
import { loadConfig, type Config } from '../config.js'
import { COMMANDS } from './commands/index.js'
import type { CliContext } from './context.js'
import { toExitCode, toMessage } from './errors.js'
import { processIo, println, type CliIo } from './io.js'

export const VERSION = '0.1.0'

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. Never calls process.exit. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0
  let config: Readonly<Config> | undefined
  const cleanups: (() => Promise<void> | void)[] = []
  const ctx: CliContext = {
    io,
    config: () => (config ??= loadConfig(io.env)),
    onExit: (fn) => void cleanups.push(fn),
    fail: (code) => void (exitCode = Math.max(exitCode, code)),
  }
  const program = buildProgram(ctx)
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      exitCode = Math.max(exitCode, e.exitCode === 0 ? 0 : 64)
    } else {
      println(io.stderr, toMessage(e, debugging(ctx)))
      exitCode = Math.max(exitCode, toExitCode(e))
    }
  } finally {
    for (const fn of cleanups.reverse()) {
      try {
        await fn()
      } catch (e) {
        // Output already printed may be incomplete or unsaved (a full disk at close): the run fails all the same.
        println(io.stderr, toMessage(e))
        exitCode = Math.max(exitCode, toExitCode(e))
      }
    }
  }
  return exitCode
}

/** RECKON_DEBUG from the config, when the config itself loads (its own error is then the one being reported). */
function debugging(ctx: CliContext): boolean {
  try {
    return ctx.config().debug
  } catch {
    return false
  }
}

/** The `reckon` program with every command registered, writing to `ctx.io`; parsing throws instead of exiting. */
export function buildProgram(ctx: CliContext): Command {
  const { io } = ctx
  const program = new Command('reckon')
    .description('Sourced, reconciled casualty figures from reports of drone strikes and airstrikes.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
  for (const register of COMMANDS) register(program, ctx)
  return program
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMain()) {
  // `reckon sources | head` closes the pipe early: that is the reader being done, not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw e
  })
  const code = await run(process.argv.slice(2), processIo())
  process.exitCode = code
  // A `serve --workers` worker's channel to its parent keeps it alive after its server stopped: let go of it.
  if (cluster.isWorker) process.disconnect()
}
