/**
 * @module Who is signed in. The server keeps the session: the browser holds only an HttpOnly cookie no script can
 * read (the token is sent once, at sign-in, and never stored here), so a reload or a second tab asks the server.
 * The session's anti-forgery value lives in memory only and goes with every write (X-CSRF-Token).
 */
import { useEffect, useState } from 'preact/hooks'
import type * as W from '../../src/api/wire-types.js'

/** Who is signed in, as the API says. */
export interface Session {
  readonly name: string | null
  readonly role: 'anonymous' | 'viewer' | 'editor' | 'admin'
}

interface Held extends Session {
  readonly csrf: string | null
}

const ANON: Held = { name: null, role: 'anonymous', csrf: null }
let current: Held = ANON
const listeners = new Set<() => void>()
// Other tabs of this site hear of a sign-in or sign-out at once, instead of at their next refused write.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('reckon-session')

function set(next: Held): void {
  current = next
  for (const l of listeners) l()
}

type SessionInfo = W.SessionInfo

const held = (s: SessionInfo | null): Held => (s === null ? ANON : { name: s.name, role: s.role, csrf: s.csrf })

/** Asks the server which session this browser's cookie carries (on load, and when another tab signs in or out). */
export async function refreshSession(): Promise<Session> {
  try {
    const res = await fetch('/api/session', { headers: { accept: 'application/json' } })
    set(res.ok ? held(((await res.json()) as W.SessionState).session) : ANON)
  } catch {
    set(ANON)
  }
  return current
}

if (channel) channel.onmessage = () => void refreshSession()
const ready = refreshSession()

/** Resolves once the first answer about the session is in (so a write right after a reload carries its header). */
export const sessionReady = (): Promise<Session> => ready.then(() => current)

/** The anti-forgery value writes must carry, or null when signed out. */
export const csrfToken = (): string | null => current.csrf

/** The current session (name and role), or anonymous. */
export const getSession = (): Session => current

/** Records a sign-in the server answered (POST /api/session), and tells the other tabs. */
export function signedIn(s: SessionInfo): void {
  set(held(s))
  channel?.postMessage('changed')
}

/** Signs out on the server (the cookie stops working in every tab), then here. */
export async function signOut(): Promise<void> {
  const csrf = current.csrf
  const res = await fetch('/api/session', { method: 'DELETE', headers: { accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) } })
  // Saying "signed out" while the server still honours the cookie would be a lie: only a refusal keeps the session.
  if (res.status === 403) throw new Error('The server refused to sign out this session; reload the page and try again.')
  set(ANON)
  channel?.postMessage('changed')
}

/** True when the session may change claims (editor or admin). */
export const canEdit = (s: Session): boolean => s.role === 'editor' || s.role === 'admin'

/** The current session, re-rendering on sign-in and sign-out. */
export function useSession(): Session {
  const [s, setS] = useState<Session>(getSession)
  useEffect(() => {
    const l = (): void => setS(getSession())
    listeners.add(l)
    // The first answer may have come between the first render and this effect.
    l()
    return () => void listeners.delete(l)
  }, [])
  return s
}
