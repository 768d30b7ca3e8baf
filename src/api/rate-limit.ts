/** @module A token-bucket rate limiter keyed by API token or client IP, held in memory per process. */

/** The outcome of taking one request from a bucket. */
export interface RateDecision {
  readonly allowed: boolean
  /** Seconds until one request is available again (0 when allowed). */
  readonly retryAfter: number
  readonly remaining: number
}

/** Options: how many requests a minute, and how many distinct keys to remember before forgetting the idlest. */
export interface RateLimiterOptions {
  readonly perMinute: number
  readonly maxKeys?: number
  /** Milliseconds clock, injectable so tests need no waiting. */
  readonly now?: () => number
}

/**
 * Each key gets a bucket of `perMinute` requests that refills continuously, so a client may burst up to a
 * minute's allowance and then proceeds at the steady rate. With several API processes each keeps its own
 * buckets: the limit is per process, which bounds abuse without a shared store round-trip per request.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly ratePerMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(private readonly opts: RateLimiterOptions) {
    this.ratePerMs = opts.perMinute / 60_000
    this.maxKeys = opts.maxKeys ?? 10_000
    this.now = opts.now ?? Date.now
  }

  /** Takes one request for `key`; a limit of 0 disables limiting. */
  take(key: string): RateDecision {
    const cap = this.opts.perMinute
    if (cap <= 0) return { allowed: true, retryAfter: 0, remaining: Number.POSITIVE_INFINITY }
    const t = this.now()
    let b = this.buckets.get(key)
    if (b === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evict(t)
      b = { tokens: cap, at: t }
    } else {
      b.tokens = Math.min(cap, b.tokens + (t - b.at) * this.ratePerMs)
      b.at = t
      // Re-insert so Map order tracks recency for eviction.
      this.buckets.delete(key)
    }
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return { allowed: true, retryAfter: 0, remaining: Math.floor(b.tokens) }
    }
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / this.ratePerMs / 1000)), remaining: 0 }
  }

  private evict(t: number): void {
    // Drop full buckets first (they hold no state worth keeping), then the least recently used.
    for (const [k, b] of this.buckets) {
      if (b.tokens + (t - b.at) * this.ratePerMs >= this.opts.perMinute) this.buckets.delete(k)
    }
    while (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next()
      if (oldest.done === true) break
      this.buckets.delete(oldest.value)
    }
  }
}
