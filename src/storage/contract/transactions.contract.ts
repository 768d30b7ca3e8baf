/** @module The Store contract, transactions: all or nothing, and no interleaving. */
import { beforeEach, describe, expect, it } from 'vitest'
import { type Store } from '../store.js'
import { ctx, draft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of transactions: all or nothing, and no interleaving. */
export function transactionsContract(fresh: FreshStore): void {
  describe('transactions', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('commits everything or nothing', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.sources.add(sourceInput('rolled back'), ctx)
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await store.sources.count()).toBe(0)
      expect((await store.revisions.list()).total).toBe(0)
      const id = await store.transaction(async (tx) => {
        const { source } = await tx.sources.add(sourceInput('kept'), ctx)
        await tx.transaction((inner) => inner.claims.addForSource(source.id, [draft('kept', 0, 4)], ctx))
        return source.id
      })
      expect((await store.claims.list({ sourceId: id })).total).toBe(1)
    })

    it('keeps concurrent writers from interleaving inside a transaction', async () => {
      const slow = store.transaction(async (tx) => {
        await tx.sources.add(sourceInput('first'), ctx)
        await new Promise((r) => setTimeout(r, 20))
        throw new Error('abort')
      })
      const other = store.sources.add(sourceInput('second'), ctx)
      await expect(slow).rejects.toThrow('abort')
      await other
      expect((await store.sources.list()).items.map((s) => s.sha256)).toEqual([sourceInput('second').sha256])
    })
  })
}
