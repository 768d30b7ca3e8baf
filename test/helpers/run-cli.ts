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
  readonly stdin?: string
  readonly tty?: boolean
}

/** Runs `reckon ARGV` in this process with captured stdout and stderr. */
export async function runCli(argv: readonly string[], o: CliRunOptions): Promise<CliRun> {
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
  stdin.end(o.stdin ?? '')
  const io: CliIo = { stdout: sink((s) => (out += s)), stderr, stdin, env: o.env ?? {}, cwd: o.cwd }
  const code = await run(argv, io)
  return { code, out, err }
}
