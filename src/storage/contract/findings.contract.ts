/** @module The Store contract, findings replaced by check runs and reviewed, and API tokens. */
import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { hasCode } from '../../domain/errors.js'
import type { ClaimId, FindingId, TokenId } from '../../domain/ids.js'
import { type Store } from '../store.js'
import { ctx, draft, finding, incidentDraft, sourceInput } from './fixtures.js'
import type { FreshStore } from './fresh-store.js'

/** Registers the contract's tests of findings replaced by check runs and reviewed, and API tokens. */
export function findingsContract(fresh: FreshStore): void {
  describe('findings', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('replaces and lists findings, filtered by claim', async () => {
      await store.findings.replaceAll([finding('fnd_1', ['clm_a', 'clm_b']), finding('fnd_2', ['clm_b'])], await store.findings.beginCheck())
      expect((await store.findings.list()).items.map((x) => x.id)).toEqual(['fnd_1', 'fnd_2'])
      expect((await store.findings.list({ claimId: 'clm_a' as ClaimId })).items.map((x) => x.id)).toEqual(['fnd_1'])
      await store.findings.replaceAll([finding('fnd_3', ['clm_c'])], await store.findings.beginCheck())
      const after = await store.findings.list()
      // A finding nobody has reviewed is open.
      expect(after.items).toEqual([{ ...finding('fnd_3', ['clm_c']), status: 'open', reason: null }])
      expect((await store.findings.list({ kind: 'tension' })).total).toBe(0)
    })

    it('confirms and dismisses findings with a reason, as revisions kept across check runs, and lists them by status', async () => {
      await store.findings.replaceAll([finding('fnd_r1', ['clm_a']), finding('fnd_r2', ['clm_b'])], await store.findings.beginCheck())
      const dismissed = await store.findings.review('fnd_r1' as FindingId, 'dismissed', { actor: 'editor-alice', why: 'two strikes taken for one' })
      expect(dismissed).toMatchObject({ id: 'fnd_r1', status: 'dismissed', reason: 'two strikes taken for one' })
      // The next check run finds the same finding again (same kind, same claims): its review stays.
      await store.findings.replaceAll([finding('fnd_r1', ['clm_a']), finding('fnd_r2', ['clm_b'])], await store.findings.beginCheck())
      expect((await store.findings.list({ status: 'dismissed' })).items.map((x) => x.id)).toEqual(['fnd_r1'])
      expect((await store.findings.list({ status: 'open' })).items.map((x) => x.id)).toEqual(['fnd_r2'])
      await store.findings.review('fnd_r1' as FindingId, 'open', { actor: 'editor-bob', why: 'the sources do speak of one strike' })
      expect((await store.findings.list({ status: 'open' })).total).toBe(2)
      const history = (await store.revisions.list({ entityType: 'finding', entityId: 'fnd_r1' })).items
      expect(history.map((r) => [r.action, r.actor, r.why])).toEqual([
        ['reopen', 'editor-bob', 'the sources do speak of one strike'],
        ['dismiss', 'editor-alice', 'two strikes taken for one'],
      ])
      await expect(store.findings.review('fnd_nope' as FindingId, 'confirmed', { actor: 'x', why: 'y' })).rejects.toThrow('finding fnd_nope not found')
      await store.findings.replaceAll([], await store.findings.beginCheck())
    })

    it('names the incidents of a page that carry an open finding (a dismissed one no longer counts)', async () => {
      const { source } = await store.sources.add(sourceInput('Officials said five militants died; residents said three were civilians.'), ctx)
      const [a, b] = await store.claims.addForSource(source.id, [draft(source.text, 0, 33), draft(source.text, 35, 70, { category: 'civilians', min: 3, max: 3 })], ctx)
      const disputed = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
      const quiet = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
      await store.incidents.link([a!.id, b!.id], disputed.id, 'contract', ctx)
      await store.findings.replaceAll([finding('fnd_d1', [a!.id, b!.id])], await store.findings.beginCheck())
      expect([...(await store.findings.disputedAmong([disputed.id, quiet.id]))]).toEqual([disputed.id])
      expect((await store.findings.disputedAmong([])).size).toBe(0)
      await store.findings.review('fnd_d1' as FindingId, 'dismissed', { actor: 'editor', why: 'one account, two phrasings' })
      expect((await store.findings.disputedAmong([disputed.id, quiet.id])).size).toBe(0)
      await store.findings.replaceAll([], await store.findings.beginCheck())
    })

    it('never lets a check run replace the findings of one begun after it', async () => {
      const first = await store.findings.beginCheck()
      const second = await store.findings.beginCheck()
      expect(second).toBeGreaterThan(first)
      expect(await store.findings.replaceAll([finding('fnd_new', ['clm_b'])], second)).toBe(true)
      // The earlier run finishes last (it read the claims before the second run did): its findings are dropped.
      expect(await store.findings.replaceAll([finding('fnd_old', ['clm_a'])], first)).toBe(false)
      expect((await store.findings.list()).items.map((x) => x.id)).toEqual(['fnd_new'])
      expect(await store.findings.replaceAll([], await store.findings.beginCheck())).toBe(true)
      expect((await store.findings.list()).total).toBe(0)
    })
  })

  describe('tokens', () => {
    let store: Store
    beforeEach(() => {
      store = fresh.store
    })

    it('stores tokens hashed, verifies secrets and revokes', async () => {
      const { token, record } = await store.tokens.create('ci', 'editor', ctx)
      expect(record.hash).toBe(createHash('sha256').update(token).digest('hex'))
      expect(await store.tokens.verify(token)).toMatchObject({ id: record.id, role: 'editor' })
      expect(await store.tokens.verify(token + 'x')).toBeNull()
      const revs = await store.revisions.list({ entityType: 'token' })
      expect(JSON.stringify(revs.items)).not.toContain(token)
      await store.tokens.revoke(record.id, ctx)
      expect(await store.tokens.verify(token)).toBeNull()
      expect((await store.tokens.list())[0]!.revokedAt).not.toBeNull()
      expect(hasCode(await store.tokens.revoke('tok_x' as TokenId, ctx).catch((e: unknown) => e), 'not_found')).toBe(true)
    })
  })
}
