/** @module What a CLI command may touch of the outside world, passed in so tests can run commands in-process. */
import type { Readable, Writable } from 'node:stream'

export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number }
  readonly stderr: Writable & { isTTY?: boolean; columns?: number }
  readonly stdin: Readable
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }
}

/** Writes a line to a stream. */
export function println(out: Writable, line = ''): void {
  out.write(line + '\n')
}
