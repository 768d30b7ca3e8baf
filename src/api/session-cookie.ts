/**
 * @module The browser session cookie: HttpOnly (no script reads it, so the secret is never in localStorage or
 * sessionStorage), SameSite=Strict (another site's pages never send it), scoped to /api; and the test a write made
 * with it must pass: from this site (Origin, Sec-Fetch-Site) and carrying the session's anti-forgery header.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

/** Name of the cookie holding the session's secret. */
export const SESSION_COOKIE = 'reckon_session'
/** Header in which the app sends back the session's anti-forgery value on every write. */
export const CSRF_HEADER = 'x-csrf-token'

// Session secrets are `rks_` and 43 base64url characters; anything else is not worth a database lookup.
const SECRET_SHAPE = /^rks_[A-Za-z0-9_-]{20,100}$/

/** The session secret the request's cookie carries, when it has a plausible one. */
export function sessionSecret(c: Context): string | undefined {
  const v = getCookie(c, SESSION_COOKIE)
  return v !== undefined && SECRET_SHAPE.test(v) ? v : undefined
}

// Over plain HTTP (a laptop's 127.0.0.1) a Secure cookie would never come back; behind HTTPS it must be Secure.
const secure = (c: Context): boolean => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'

/** Sets the session cookie for `maxAgeSeconds`. */
export function setSessionCookie(c: Context, secret: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'Strict', path: '/api', maxAge: maxAgeSeconds, secure: secure(c) })
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Strict', path: '/api', secure: secure(c) })
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

/**
 * True when a request looks made by this site's own pages: no Origin or one naming this host, no Sec-Fetch-Site
 * saying another site, and (when `csrf` is given) the session's anti-forgery value in its header. A form on another
 * site can set neither the header nor its Origin, and SameSite=Strict already keeps the cookie from it in browsers
 * that honour it; this is the second lock.
 */
export function writeFromThisSite(c: Context, csrf?: string): boolean {
  const origin = c.req.header('origin')
  if (origin !== undefined) {
    let host: string
    try {
      host = new URL(origin).host
    } catch {
      return false // "null" (a sandboxed frame, a file) or garbage
    }
    if (host !== (c.req.header('host') ?? new URL(c.req.url).host)) return false
  }
  const site = c.req.header('sec-fetch-site')
  if (site === 'cross-site' || site === 'same-site') return false
  if (csrf === undefined) return true
  const given = c.req.header(CSRF_HEADER)
  // Compared as digests: equal length, so the comparison takes the same time whatever the guess.
  return given !== undefined && timingSafeEqual(digest(given), digest(csrf))
}
