/**
 * @module Runs the whole-store consistency check on a worker thread with its own connection to the store, one run
 * at a time, so a check over 100,000 incidents (seconds of reading and arithmetic) never holds the thread that
 * answers requests. A thread that fails or exits fails its run and is started again for the next one.
 */
import { Worker } from 'node:worker_threads'
import type { DatabaseConfig } from '../config.js'
import { DomainError } from '../domain/errors.js'
import type { CheckAnswer, CheckRequest } from './check-worker.js'
import { fromThreadError, workerScript } from './worker-script.js'

/** True when a second connection reaches the same store (a SQLite file or PostgreSQL; not an in-memory SQLite). */
export function canCheckOnThread(database: DatabaseConfig): boolean {
  return database.kind === 'postgres' || database.path !== ':memory:'
}

/** What one check run on the thread did. */
export interface ThreadCheckResult {
  /** False when a run begun later (in any process) stored its findings first. */
  readonly stored: boolean
  readonly findings: number
}

/** One worker thread that checks the store on request. */
export class CheckThread {
  private worker: Worker | null = null
  private pending: { id: number; resolve: (r: ThreadCheckResult) => void; reject: (e: unknown) => void } | null = null
  private nextId = 1

  constructor(private readonly database: DatabaseConfig) {
    if (!canCheckOnThread(database)) throw new DomainError('internal_error', 'an in-memory SQLite store cannot be checked on another thread')
  }

  /** Checks the store once on the thread and stores the findings; one run at a time. */
  run(): Promise<ThreadCheckResult> {
    if (this.pending !== null) return Promise.reject(new DomainError('internal_error', 'a check is already running on the thread'))
    const worker = this.worker ?? this.start()
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      this.pending = { id, resolve, reject }
      worker.postMessage({ id } satisfies CheckRequest)
    })
  }

  /**
   * Lets a running check finish for up to `graceMs`, then closes the thread's connection and ends it; a check still
   * running then is cut short (its transaction never commits, so the stored findings stay those of the last run).
   */
  async close(graceMs = 2000): Promise<void> {
    const worker = this.worker
    if (worker === null) return
    this.worker = null
    const exited = new Promise((r) => worker.once('exit', r))
    // Messages are handled in order: a run in flight finishes before the thread closes its connection.
    worker.postMessage('close')
    const timer = setTimeout(() => void worker.terminate(), graceMs)
    await exited
    clearTimeout(timer)
  }

  private start(): Worker {
    const worker = new Worker(workerScript('check-worker.js', import.meta.url), { workerData: { database: this.database } })
    // The thread never keeps the process alive on its own: the server closes it on the way out.
    worker.unref()
    this.worker = worker
    worker.on('message', (a: CheckAnswer) => {
      const p = this.pending
      if (p === null || p.id !== a.id) return
      this.pending = null
      if (a.ok) p.resolve({ stored: a.stored, findings: a.findings })
      else p.reject(fromThreadError(a))
    })
    const fail = (e: unknown): void => {
      if (this.worker === worker) this.worker = null
      const p = this.pending
      this.pending = null
      p?.reject(e)
    }
    worker.on('error', (e) => fail(new DomainError('internal_error', 'the check thread failed', { cause: e })))
    worker.on('exit', () => fail(new DomainError('internal_error', 'the check thread stopped')))
    return worker
  }
}
