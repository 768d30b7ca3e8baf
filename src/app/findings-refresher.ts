/**
 * @module Keeps a store's findings current after writes without making any write or read wait for a whole-store
 * check: a write only asks for a run and is answered at once; runs happen in the background, one at a time, and a
 * request made while a run is going schedules exactly one more. Given where the store is, each run goes to a
 * worker thread with its own connection (check-thread.ts), so the seconds a check takes over a large store are
 * spent off the thread answering requests. Readers see the findings of one run or of the next, never a mixture:
 * each run replaces them in one transaction.
 *
 * Several processes may each run one on the same database: every run begins after the write that asked for it has
 * committed, and the store keeps the findings of the latest-begun run (FindingRepo.beginCheck), so whichever
 * finishes last, the stored findings cover every committed write.
 */
import type { DatabaseConfig } from '../config.js'
import type { Store } from '../storage/store.js'
import { canCheckOnThread, CheckThread } from './check-thread.js'
import { checkStore } from './check-store.js'

/** Where the background check runs. */
export interface FindingsRefresherOptions {
  /**
   * The store's database: runs then happen on a worker thread with its own connection. Without it, or for an
   * in-memory SQLite store (which no second connection reaches), they run on the calling thread.
   */
  readonly database?: DatabaseConfig
  /** Awaited before each run begins (a test holds a run with it to see what a write answers meanwhile). */
  readonly beforeRun?: () => Promise<void>
}

/** Re-runs the consistency check over a store in the background after writes. */
export class FindingsRefresher {
  private running: Promise<void> | null = null
  private again = false
  private readonly thread: CheckThread | null
  private completed = 0
  private closed = false
  private wake: (() => void) | null = null

  constructor(
    private readonly store: Store,
    private readonly onError: (e: unknown) => void,
    private readonly opts: FindingsRefresherOptions = {},
  ) {
    this.thread = opts.database !== undefined && canCheckOnThread(opts.database) ? new CheckThread(opts.database) : null
  }

  /** True when runs happen on a worker thread. */
  get offThread(): boolean {
    return this.thread !== null
  }

  /** Runs finished so far (stored, superseded or failed). */
  get runs(): number {
    return this.completed
  }

  /** Asks for a check soon; returns at once. */
  request(): void {
    if (this.closed) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.loop()
  }

  /** Resolves when no check is running or pending (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  /**
   * Stops: no more runs; a run on the thread gets a short grace to finish, then its thread is ended (a stopping
   * server must not wait seconds for a check); a run on the calling thread finishes.
   */
  async close(): Promise<void> {
    this.closed = true
    this.wake?.()
    await this.thread?.close()
    await this.settled()
  }

  /** Waits `ms` (0: until the next turn of the event loop), cut short by close(). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.wake = null
        resolve()
      }
      const timer = ms > 0 ? setTimeout(done, ms) : null
      if (timer === null) setImmediate(done)
      this.wake = () => {
        if (timer !== null) clearTimeout(timer)
        done()
      }
    })
  }

  private async loop(): Promise<void> {
    try {
      let tookMs = 0
      do {
        this.again = false
        // Let the write that asked for this commit and answer first. Back to back, runs pause as long as the last
        // one took: under a steady stream of writes a check then uses at most half a core, which the process's
        // other work (and other server processes on the machine) keep, and findings lag at most about two runs.
        await this.pause(tookMs > 0 && this.thread !== null ? tookMs : 0)
        if (this.closed) break
        let started = performance.now()
        try {
          await this.opts.beforeRun?.()
          started = performance.now()
          if (this.thread !== null) await this.thread.run()
          else await checkStore(this.store)
        } catch (e) {
          // A run cut short because the server is stopping is not a failure to report.
          if (!this.closed) this.onError(e)
        }
        this.completed++
        tookMs = performance.now() - started
      } while (this.again && !this.closed)
    } finally {
      this.running = null
    }
  }
}
