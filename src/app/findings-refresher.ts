/**
 * @module Keeps a store's findings current after writes without making each write wait for a whole-store check:
 * requests coalesce into one run at a time, and a request made while a run is going schedules exactly one more.
 * Several processes may each run one on the same database: every run begins after the write that asked for it has
 * committed, and the store keeps the findings of the latest-begun run (FindingRepo.beginCheck), so whichever
 * finishes last, the stored findings cover every committed write.
 */
import type { Store } from '../storage/store.js'
import { checkStore } from './check-store.js'

/** Re-runs the consistency check over a store in the background after writes. */
export class FindingsRefresher {
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly store: Store,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Asks for a check soon; returns at once. */
  request(): void {
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

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false
        // Let the write that asked for this commit and answer first.
        await new Promise((r) => setImmediate(r))
        try {
          await checkStore(this.store)
        } catch (e) {
          this.onError(e)
        }
      } while (this.again)
    } finally {
      this.running = null
    }
  }
}
