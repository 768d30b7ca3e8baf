/**
 * @module Browser sign-in: POST /api/session exchanges a token for an HttpOnly, SameSite=Strict session cookie,
 * GET /api/session tells the app who is signed in (and the anti-forgery value its writes must carry), and
 * DELETE /api/session ends the session on the server, so a copied cookie stops working too.
 */
import type { Context } from 'hono'
import { DomainError } from '../../domain/errors.js'
import type { SignInSession } from '../../storage/store.js'
import { route, type AnyRoute, type ApiEnv } from '../route.js'
import { SessionBody, SessionEnded, SessionInfo, SessionState } from '../schemas.js'
import { clearSessionCookie, sessionSecret, setSessionCookie, writeFromThisSite } from '../session-cookie.js'
import type { RouteContext } from './context.js'
import type { z } from 'zod'

const info = (s: SignInSession): z.input<typeof SessionInfo> => ({ name: s.token.name, role: s.token.role, csrf: s.csrf, expiresAt: s.expiresAt })

/** Session routes. */
export function sessionRoutes({ store, config }: RouteContext): AnyRoute[] {
  const current = async (c: Context<ApiEnv>): Promise<{ secret: string; session: SignInSession } | null> => {
    const secret = sessionSecret(c)
    const session = secret === undefined ? null : await store.sessions.find(secret)
    return secret === undefined || session === null ? null : { secret, session }
  }
  return [
    route({
      method: 'post',
      path: '/api/session',
      operationId: 'signIn',
      summary: 'Signs a browser in: checks the token and answers with an HttpOnly, SameSite=Strict session cookie (RECKON_SESSION_HOURS long) and the X-CSRF-Token value its writes must carry. The token itself is never kept by the browser.',
      tags: ['meta'],
      access: 'open',
      body: SessionBody,
      response: SessionInfo,
      status: 201,
      handler: async ({ body, c }) => {
        // Signing a victim's browser in to an attacker's account (login forgery) is refused like any forged write.
        if (!writeFromThisSite(c)) throw new DomainError('forbidden', 'sign-in must come from this site')
        const token = await store.tokens.verify(body.token)
        if (token === null) throw new DomainError('unauthenticated', 'the token is unknown or revoked')
        const previous = sessionSecret(c)
        if (previous !== undefined) await store.sessions.end(previous)
        const ttlSeconds = config.sessionHours * 3600
        const { secret, session } = await store.sessions.start(token.id, ttlSeconds * 1000)
        setSessionCookie(c, secret, ttlSeconds)
        return info(session)
      },
    }),
    route({
      method: 'get',
      path: '/api/session',
      operationId: 'session',
      summary: 'The browser session the cookie carries (who, until when, and the X-CSRF-Token value for writes), or null.',
      tags: ['meta'],
      access: 'open',
      response: SessionState,
      handler: async ({ c }) => {
        const s = await current(c)
        return { session: s === null ? null : info(s.session) }
      },
    }),
    route({
      method: 'delete',
      path: '/api/session',
      operationId: 'signOut',
      summary: 'Signs the browser out: ends its session on the server (the cookie stops working everywhere) and clears the cookie. Needs X-CSRF-Token.',
      tags: ['meta'],
      access: 'open',
      response: SessionEnded,
      handler: async ({ c }) => {
        const s = await current(c)
        if (s === null) {
          clearSessionCookie(c)
          return { ended: false }
        }
        if (!writeFromThisSite(c, s.session.csrf)) throw new DomainError('forbidden', 'signing out needs the X-CSRF-Token header of GET /api/session, from this site')
        const ended = await store.sessions.end(s.secret)
        clearSessionCookie(c)
        return { ended }
      },
    }),
  ]
}
