/** @module Sign-in with an API token, exchanged once for a session cookie that lasts across tabs and reloads until sign-out. */
import { useState } from 'preact/hooks'
import { api } from '../api.js'
import { signOut, signedIn, useSession } from '../auth.js'
import { navigate } from '../router.js'
import { ErrorNote, Title } from '../ui.js'

/** The sign-in page. */
export function SignIn() {
  const session = useSession()
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const token = String(new FormData(e.currentTarget as HTMLFormElement).get('token') ?? '').trim()
    if (!token) return
    setBusy(true)
    setError(null)
    try {
      signedIn(await api.signIn(token))
      navigate('/review')
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section>
      <Title>Sign in</Title>
      {session.role !== 'anonymous' && (
        <p>
          Signed in as <strong>{session.name ?? 'token'}</strong> ({session.role}).{' '}
          <button type="button" onClick={() => void signOut().catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))}>
            Sign out
          </button>
        </p>
      )}
      <form class="card narrow" onSubmit={(e) => void submit(e)}>
        <p>Everyone can read. Reviewing claims needs an editor token (ask an admin, or run <code>reckon token create</code>).</p>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="off" required />
        <p class="muted">Sent once to this site, which signs this browser in (every tab, until you sign out); the token itself is not kept in the browser.</p>
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        <ErrorNote error={error} />
      </form>
    </section>
  )
}
