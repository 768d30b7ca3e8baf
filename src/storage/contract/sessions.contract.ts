/** @module The Store contract, browser sign-in sessions kept by a hash of their secret. */
import { beforeEach, describe, expect, it } from 'vitest'
import { type Store } from '../store.js'
import { ctx } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of browser sign-in sessions. */
export function sessionsContract(fresh: FreshStore): void {
  describe('sessions', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('keeps sign-in sessions by a hash of their secret, until ended, expired or their token revoked', async () => {
      const { record } = await store.tokens.create('desk', 'editor', ctx)
      const { secret, session } = await store.sessions.start(record.id, 60_000)
      expect(session.token).toMatchObject({ id: record.id, role: 'editor', name: 'desk' })
      expect(session.csrf.length).toBeGreaterThanOrEqual(20)
      expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(60_000)
      expect(await store.sessions.find(secret)).toMatchObject({ csrf: session.csrf, token: { id: record.id } })
      expect(await store.sessions.find(secret + 'x')).toBeNull()
      // A second session of the same token is its own: ending one leaves the other.
      const other = await store.sessions.start(record.id, 60_000)
      expect(other.secret).not.toBe(secret)
      expect(await store.sessions.end(secret)).toBe(true)
      expect(await store.sessions.end(secret)).toBe(false)
      expect(await store.sessions.find(secret)).toBeNull()
      expect(await store.sessions.find(other.secret)).not.toBeNull()
      // Already expired when made (a negative lifetime) cannot be found; it was never usable.
      await expect(store.sessions.start(record.id, -1)).rejects.toMatchObject({ code: 'unauthenticated' })
      await store.tokens.revoke(record.id, ctx)
      expect(await store.sessions.find(other.secret)).toBeNull()
    })
  })
}
