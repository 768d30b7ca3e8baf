/** @module The background re-check after writes: findings appear once it settles, and requests during a run coalesce. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../storage/open-store.js'
import { FindingsRefresher } from './findings-refresher.js'
import { ingestPaths } from './ingest.js'
import { processSourceHook } from './process-source.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-refresh-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const seed = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'seed-article.txt')

describe('FindingsRefresher', () => {
  it('re-checks the store in the background and stores what the check finds', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'a.db') })
    try {
      const ctx = { actor: 'test' }
      await ingestPaths(store, [seed], { ctx, maxBytes: 1 << 24, meta: { kind: 'news', published: '2013-11-04' }, afterSource: processSourceHook(ctx) })
      expect((await store.findings.list()).total).toBe(0)
      const errors: unknown[] = []
      const refresher = new FindingsRefresher(store, (e) => errors.push(e))
      // Many requests while one run is pending or going: the store ends checked, without a pile of queued runs.
      for (let i = 0; i < 20; i++) refresher.request()
      await refresher.settled()
      expect(errors).toEqual([])
      const findings = (await store.findings.list()).items
      expect(findings.some((f) => f.kind === 'contradiction' && f.claimants.includes('Amnesty International'))).toBe(true)
      refresher.request()
      await refresher.settled()
      expect((await store.findings.list()).total).toBe(findings.length)
    } finally {
      await store.close()
    }
  })

  it('reports a failing check and stays usable', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'b.db') })
    await store.close()
    const errors: unknown[] = []
    const refresher = new FindingsRefresher(store, (e) => errors.push(e))
    refresher.request()
    await refresher.settled()
    expect(errors.length).toBe(1)
    refresher.request()
    await refresher.settled()
    expect(errors.length).toBe(2)
  })
})
