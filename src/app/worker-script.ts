/** @module What worker threads share: where a worker's script is, and how an error crosses back to the calling thread. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DomainError, ERROR_CODES, type ErrorCode } from '../domain/errors.js'

/** The URL of app/`name` (a built .js file) for `new Worker`, found beside `from` or in the package's dist/. */
export function workerScript(name: string, from: string): URL {
  const here = new URL(`./${name}`, from)
  if (existsSync(fileURLToPath(here))) return here
  // Worker threads run JavaScript only: from src/ (vitest), the built copy in dist/ is the one to start.
  let dir = dirname(fileURLToPath(from))
  for (let i = 0; i < 5; i++) {
    const built = join(dir, 'dist', 'app', name)
    if (existsSync(join(dir, 'package.json'))) {
      if (existsSync(built)) return new URL(`file://${built}`)
      break
    }
    dir = dirname(dir)
  }
  throw new DomainError('internal_error', `the worker ${name} is not built (npm run build)`)
}

/** An error as it crosses between threads: its code and message (errors do not cross threads whole). */
export interface ThreadError {
  readonly ok: false
  readonly code: string
  readonly message: string
  /** True when it was a DomainError, whose code is meant for the edges. */
  readonly domain: boolean
}

/** The error thrown on a worker thread, as a message. */
export function threadError(e: unknown): ThreadError {
  const domain = e instanceof DomainError
  return { ok: false, code: domain ? e.code : 'internal_error', message: e instanceof Error ? e.message : String(e), domain }
}

/** The error a worker thread reported, rebuilt on the calling thread (a DomainError when it was one). */
export function fromThreadError(a: ThreadError): Error {
  if (a.domain && (ERROR_CODES as readonly string[]).includes(a.code)) return new DomainError(a.code as ErrorCode, a.message)
  return new Error(a.message)
}
