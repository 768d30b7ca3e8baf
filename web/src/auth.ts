/** @module The signed-in token: kept in sessionStorage only (gone when the tab closes), shared through a tiny signal. */
import { useEffect, useState } from 'preact/hooks'

const KEY = 'reckon.token'
const ROLE_KEY = 'reckon.who'

/** Who is signed in, as the API said at sign-in. */
export interface Session {
  readonly name: string | null
  readonly role: 'anonymous' | 'viewer' | 'editor' | 'admin'
}

const ANON: Session = { name: null, role: 'anonymous' }
const listeners = new Set<() => void>()

/** The stored token, or null. */
export function getToken(): string | null {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

/** The stored session (name and role), or anonymous. */
export function getSession(): Session {
  try {
    const raw = sessionStorage.getItem(ROLE_KEY)
    return raw ? (JSON.parse(raw) as Session) : ANON
  } catch {
    return ANON
  }
}

/** Stores a verified token and who it belongs to; null signs out. */
export function setSession(token: string | null, who: Session | null): void {
  if (token && who) {
    sessionStorage.setItem(KEY, token)
    sessionStorage.setItem(ROLE_KEY, JSON.stringify(who))
  } else {
    sessionStorage.removeItem(KEY)
    sessionStorage.removeItem(ROLE_KEY)
  }
  for (const l of listeners) l()
}

/** True when the session may change claims (editor or admin). */
export const canEdit = (s: Session): boolean => s.role === 'editor' || s.role === 'admin'

/** The current session, re-rendering on sign-in and sign-out. */
export function useSession(): Session {
  const [s, set] = useState(getSession)
  useEffect(() => {
    const l = (): void => set(getSession())
    listeners.add(l)
    return () => void listeners.delete(l)
  }, [])
  return s
}
