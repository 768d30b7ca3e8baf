/**
 * @module Limits on `POST /api/extract` for callers without a token: extraction is CPU work anyone may ask for, so
 * an anonymous caller gets a smaller text and its own, tighter rate limit; a token lifts both to the usual limits.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { DomainError } from '../domain/errors.js'
import { clientAddress } from './auth.js'
import { RateLimiter } from './rate-limit.js'
import type { ApiEnv } from './route.js'

// JSON framing around the text ({"text": …, "published": …}) and escaping of a few characters.
const JSON_OVERHEAD = 4096

/** What the anonymous limits are. */
export interface PublicExtractLimits {
  /** Largest text, in UTF-8 bytes, extracted without a token. */
  readonly maxTextBytes: number
  /** Anonymous extract requests per minute per address (0: no extra limit). */
  readonly perMinute: number
  /** Clock for the rate limiter (tests). */
  readonly now?: () => number
}

/** The refusal for an anonymous text over the limit, naming the limit and the way past it. */
export function publicTextTooLarge(bytes: number, max: number): DomainError {
  return new DomainError(
    'too_large',
    `body.text: ${bytes} bytes is over the limit of ${max} bytes for extraction without a token (RECKON_PUBLIC_EXTRACT_BYTES); send a bearer token to extract a larger text`,
    { details: { field: 'body.text' } },
  )
}

/**
 * Middleware for the extract route, run before the body is read: a request without an Authorization header is
 * refused 413 when its declared length is over the anonymous limit, and 429 when its address has used up its
 * anonymous extractions. A request with a token passes (a bad token is refused by the route's own check).
 * A body sent without a length is checked by the route once parsed (`publicTextTooLarge`).
 */
export function publicExtractLimits(limits: PublicExtractLimits): MiddlewareHandler<ApiEnv> {
  const limiter = new RateLimiter({ perMinute: limits.perMinute, ...(limits.now ? { now: limits.now } : {}) })
  return async (c: Context<ApiEnv>, next) => {
    if ((c.req.header('authorization') ?? '').trim() === '') {
      const declared = Number(c.req.header('content-length') ?? NaN)
      if (Number.isFinite(declared) && declared > limits.maxTextBytes + JSON_OVERHEAD) throw publicTextTooLarge(declared, limits.maxTextBytes)
      const d = limiter.take(`ip:${clientAddress(c)}`)
      if (!d.allowed) {
        c.header('Retry-After', String(d.retryAfter))
        throw new DomainError('rate_limited', `too many extractions without a token; retry in ${d.retryAfter} s`)
      }
    }
    await next()
  }
}
