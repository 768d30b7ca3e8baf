/**
 * @module Bearer-token authentication, role checks and per-caller rate limiting for every route.
 * 401 means "who are you?" (no token, or an unknown or revoked one); 403 means "known, but your role is too low".
 */
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { DomainError } from '../domain/errors.js'
import type { ApiToken } from '../domain/token.js'
import { roleAllows } from '../domain/token.js'
import type { RateLimiter } from './rate-limit.js'
import type { Access, ApiEnv, Principal } from './route.js'

/** What auth needs of the store: look up a token by its secret (the store hashes it). */
export interface TokenVerifier {
  verify(secret: string): Promise<ApiToken | null>
}

/** Options for `makeAuthorizer`. */
export interface AuthOptions {
  readonly tokens: TokenVerifier
  readonly privateReads: boolean
  readonly limiter: RateLimiter
}

/** The client's address for rate limiting; in-process requests (tests) have none and share one bucket. */
export function clientAddress(c: Context<ApiEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'local'
  } catch {
    return 'local'
  }
}

/** Reads `Authorization: Bearer <secret>`; undefined when absent, throws 401 when malformed. */
export function bearerSecret(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i.exec(header)
  if (!m) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <token>"')
  return m[1]
}

/**
 * Builds the per-request check: identifies the caller, takes one request from its rate bucket (by token when it
 * has a valid one, else by IP, so bad tokens are limited too), then checks the route's access level.
 */
export function makeAuthorizer(opts: AuthOptions): (c: Context<ApiEnv>, access: Access) => Promise<Principal | null> {
  const limit = (c: Context<ApiEnv>, key: string): void => {
    const d = opts.limiter.take(key)
    if (!d.allowed) {
      c.header('Retry-After', String(d.retryAfter))
      throw new DomainError('rate_limited', `too many requests; retry in ${d.retryAfter} s`)
    }
  }
  return async (c, access) => {
    const secret = bearerSecret(c.req.header('authorization'))
    let principal: Principal | null = null
    if (secret === undefined) limit(c, `ip:${clientAddress(c)}`)
    else {
      const token = await opts.tokens.verify(secret)
      if (token === null) {
        limit(c, `ip:${clientAddress(c)}`)
        throw new DomainError('unauthenticated', 'the bearer token is unknown or revoked')
      }
      limit(c, `token:${token.id}`)
      principal = { tokenId: token.id, name: token.name, role: token.role }
    }
    if (access === 'open') return principal
    if (access === 'read') {
      if (opts.privateReads && principal === null) throw new DomainError('unauthenticated', 'reads need a bearer token on this server')
      return principal
    }
    if (principal === null) throw new DomainError('unauthenticated', 'this request needs a bearer token')
    if (!roleAllows(principal.role, access)) throw new DomainError('forbidden', `this request needs the ${access} role (the token has ${principal.role})`)
    return principal
  }
}
