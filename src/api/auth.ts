/**
 * @module Authentication (a bearer token, or the session cookie a browser got for one), role checks and per-caller
 * rate limiting for every route. 401 means "who are you?" (no token, or an unknown or revoked one); 403 means "known,
 * but your role is too low", or a write made with the cookie that does not prove it comes from this site's app.
 */
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { DomainError } from '../domain/errors.js'
import type { ApiToken } from '../domain/token.js'
import { roleAllows } from '../domain/token.js'
import type { SessionRepo } from '../storage/store.js'
import type { RateLimiter } from './rate-limit.js'
import type { Access, ApiEnv, Principal } from './route.js'
import { sessionSecret, writeFromThisSite } from './session-cookie.js'

/** What auth needs of the store: look up a token by its secret (the store hashes it). */
export interface TokenVerifier {
  verify(secret: string): Promise<ApiToken | null>
}

/** Options for `makeAuthorizer`. */
export interface AuthOptions {
  readonly tokens: TokenVerifier
  /** Browser sessions; without them the session cookie is ignored. */
  readonly sessions?: Pick<SessionRepo, 'find'>
  readonly privateReads: boolean
  readonly limiter: RateLimiter
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

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
    // A bearer token wins over the cookie: API clients never meet the cookie's anti-forgery rules.
    const cookie = secret === undefined && opts.sessions ? sessionSecret(c) : undefined
    const session = cookie === undefined ? null : await opts.sessions!.find(cookie)
    if (session !== null) {
      limit(c, `token:${session.token.id}`)
      const forged = !SAFE_METHODS.has(c.req.method) && !writeFromThisSite(c, session.csrf)
      // A cross-site form (or any write without the header) acts as nobody: open routes still answer, others refuse.
      if (!forged) principal = { tokenId: session.token.id, name: session.token.name, role: session.token.role }
      else if (access !== 'open' && access !== 'read') {
        throw new DomainError('forbidden', 'a write made with the session cookie needs the X-CSRF-Token header of GET /api/session, from this site')
      }
    } else if (secret === undefined) limit(c, `ip:${clientAddress(c)}`)
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
