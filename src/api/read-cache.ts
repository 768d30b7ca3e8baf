/**
 * @module A small in-process cache of serialised answers to the costliest reads (incident lists, totals).
 *
 * Totals and filtered counts aggregate the whole store: at hundreds of requests a second the same few queries
 * would run over and over. Entries live `ttlMs`; any write through this process empties the cache at once, and
 * a generation counter keeps a read that started before a write from storing its now stale answer. Writes made
 * through another process (several API servers on one PostgreSQL database) show once the entry is refreshed.
 * An expired entry is still answered while one refresh runs in the background (stale-while-revalidate), so a slow
 * aggregate never stalls the requests queued behind it; concurrent misses for one key share one computation.
 */

interface Entry {
  readonly at: number
  readonly value: Promise<string>
  /** The settled answer, once there is one: what a stale read returns while the refresh runs. */
  settled?: string
  refreshing?: boolean
}

/** Cache options. */
export interface ReadCacheOptions {
  /** How long an answer may be served; 0 disables the cache. */
  readonly ttlMs: number
  readonly maxEntries?: number
  /** Characters of answers held at most (default 32 Mi, about 64 MiB): a page of 500 incidents is about 450 KB. */
  readonly maxChars?: number
  readonly now?: () => number
}

/** Serialised answers by key, with write invalidation and single-flight misses. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>()
  private generation = 0
  private readonly now: () => number
  private readonly maxEntries: number
  private readonly maxChars: number
  /** Characters of the settled answers held. */
  private chars = 0

  constructor(private readonly opts: ReadCacheOptions) {
    this.now = opts.now ?? Date.now
    this.maxEntries = opts.maxEntries ?? 1000
    this.maxChars = opts.maxChars ?? 32 * 2 ** 20
  }

  /** The cached answer for `key`, or the one `compute` produces (stored unless a write happened meanwhile). */
  async get(key: string, compute: () => Promise<string>): Promise<string> {
    if (this.opts.ttlMs <= 0) return compute()
    const t = this.now()
    const hit = this.entries.get(key)
    if (hit !== undefined && t - hit.at < this.opts.ttlMs) return hit.value
    if (hit?.settled !== undefined) {
      if (!hit.refreshing) {
        hit.refreshing = true
        // The refresh replaces the entry when it succeeds; a failure leaves the stale answer for the next try.
        this.fill(key, compute).catch(() => (hit.refreshing = false))
      }
      return hit.settled
    }
    return this.fill(key, compute)
  }

  private async fill(key: string, compute: () => Promise<string>): Promise<string> {
    const gen = this.generation
    const value = compute()
    const entry: Entry = { at: this.now(), value }
    const previous = this.entries.get(key)
    if (previous === undefined) {
      if (this.entries.size >= this.maxEntries) this.clear()
      this.entries.set(key, entry)
    }
    let settled: string
    try {
      settled = await value
    } catch (e) {
      // Failures are never cached.
      if (this.entries.get(key) === entry) this.entries.delete(key)
      throw e
    }
    if (gen !== this.generation) {
      if (this.entries.get(key) === entry) this.entries.delete(key)
      return settled
    }
    // Large answers (pages of hundreds of incidents) would otherwise hold hundreds of megabytes by entry count alone.
    const held = this.entries.get(key)?.settled
    if (held !== undefined) this.chars -= held.length
    if (this.chars + settled.length > this.maxChars) this.clear()
    if (settled.length > this.maxChars) {
      this.entries.delete(key)
      return settled
    }
    this.chars += settled.length
    entry.settled = settled
    this.entries.set(key, entry)
    return settled
  }

  /** Forgets everything: called after every write. */
  invalidate(): void {
    this.generation++
    this.clear()
  }

  private clear(): void {
    this.entries.clear()
    this.chars = 0
  }
}
