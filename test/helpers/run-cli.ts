/** @module Runs the `reckon` CLI in-process for tests, capturing its output and exit code. */
import { PassThrough, Writable } from 'node:stream'
import type { CliIo } from '../../src/cli/io.js'
import { run } from '../../src/cli/main.js'

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Where and how to run: environment, working directory, standard input, and whether stderr is a terminal. */
export interface CliRunOptions {
  readonly env?: Record<string, string | undefined>
  readonly cwd: string
  /** Standard input's whole text (default empty); null leaves it open, for a command that runs until stopped. */
  readonly stdin?: string | null
  readonly tty?: boolean
}

/** A CLI's input and output in memory: what it printed is read back with `out()` and `err()` (stderr may claim a terminal). */
export function captureIo(o: CliRunOptions): { io: CliIo; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  const sink = (add: (s: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        add(chunk.toString())
        cb()
      },
    })
  const stderr: Writable & { isTTY?: boolean; columns?: number } = sink((s) => (err += s))
  if (o.tty === true) Object.assign(stderr, { isTTY: true, columns: 100 })
  const stdin = new PassThrough()
  if (o.stdin !== null) stdin.end(o.stdin ?? '')
  return { io: { stdout: sink((s) => (out += s)), stderr, stdin, env: o.env ?? {}, cwd: o.cwd }, out: () => out, err: () => err }
}

/** Runs `reckon ARGV` in this process with captured stdout and stderr. */
export async function runCli(argv: readonly string[], o: CliRunOptions): Promise<CliRun> {
  const c = captureIo(o)
  const code = await run(argv, c.io)
  return { code, out: c.out(), err: c.err() }
}
