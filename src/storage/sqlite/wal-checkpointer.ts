/**
 * @module Copies a SQLite file's committed WAL pages back into the database on a thread of its own, so that bulk
 * writes do not wait for it: in a bulk import, the checkpoints run inside COMMIT took more of the commit than writing
 * the WAL itself. A checkpoint by another connection is one of SQLite's own ways of working, with its own locks: it
 * never blocks the writer, a commit is durable once in the WAL whoever copies it on, and the writer's own automatic
 * checkpoint stays on as the fallback when this thread lags or fails.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * The thread's code. It is a string, not a file beside this one, because the same code must run from the TypeScript
 * sources under vitest and from dist/, and only dist/ holds JavaScript a worker can load.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 10000')
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close()
    parentPort.close()
    return
  }
  // PASSIVE copies what no reader still needs and never waits on the writer; an error only leaves the work to it.
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
  parentPort.postMessage('done')
})
`

/** Runs PASSIVE checkpoints of one SQLite file on a worker thread, at most one at a time, when asked. */
export class WalCheckpointer {
  /** Checkpoints finished so far. */
  completed = 0
  private worker: Worker | null = null
  private running = false
  private again = false
  /** Closed, or the thread failed: checkpoints are the writer's again. */
  private stopped = false
  private exited = false

  constructor(private readonly path: string) {}

  /** Asks for a checkpoint soon (after a large commit); one asked for while another runs follows it once. */
  request(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    const w = this.worker ?? this.start()
    this.running = true
    w.postMessage('checkpoint')
  }

  /** Stops the thread once its checkpoint (if any) is done; the database is then the writer's alone again. */
  async close(): Promise<void> {
    const w = this.worker
    this.worker = null
    this.stopped = true
    if (w === null || this.exited) return
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()))
    // Held until it has exited: an unreferenced thread is no reason to wait, and the awaiting process would end early.
    w.ref()
    w.postMessage('close')
    await exited
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    const w = new Worker(WORKER_CODE, { eval: true, workerData: { path: this.path, driver } })
    // Never the reason a process stays alive: a store left open must not keep a finished command running.
    w.unref()
    w.on('message', () => {
      this.completed++
      this.running = false
      if (this.again) {
        this.again = false
        this.request()
      }
    })
    // A thread that cannot open the file (or dies) leaves checkpoints to the writer, as without it.
    w.on('error', () => {
      this.stopped = true
      this.running = false
    })
    w.once('exit', () => (this.exited = true))
    this.worker = w
    return w
  }
}
