/**
 * @module `reckon demo --no-serve` (the main job without the server) on a fresh SQLite store: every bundled sample is
 * ingested with its metadata, claims are extracted and linked, and the check finds the ministry-versus-Amnesty
 * contradiction; a second run adds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { collectFiles } from '../../app/ingest.js'
import { openStore } from '../../storage/open-store.js'
import { samplesDir, sampleManifest } from './demo.js'
import { runCli, type CliRun } from '../../../test/helpers/run-cli.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-demo-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const cli = async (argv: string[], env: Record<string, string>): Promise<CliRun> => runCli(argv, { env, cwd: root })

describe('reckon demo --no-serve', () => {
  it('gives every sample report metadata, and every entry names a shipped file', async () => {
    const files = (await collectFiles([samplesDir()])).files.map((f) => basename(f))
    const manifest = sampleManifest(samplesDir())
    expect([...manifest.keys()].sort()).toEqual(files.sort())
    expect(manifest.get('seed-article.txt')?.published).toBe('2013-11-04')
  })

  it('ingests, extracts, links and checks the samples; a second run adds nothing', async () => {
    const db = join(root, 'demo.db')
    const env = { DATABASE_URL: db }
    const first = await cli(['demo', '--no-serve'], env)
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/ingested 7 new sources/)
    expect(first.out).toMatch(/contradiction: Pakistan Ministry of Defence: 0 civilians killed.*Amnesty International: 18 \+ 1 = 19 civilians killed/)
    const store = await openStore({ kind: 'sqlite', path: db })
    try {
      const claims = (await store.claims.list({}, { limit: 1 })).total
      const incidents = (await store.incidents.list({}, { limit: 500 })).items
      expect(claims).toBeGreaterThan(20)
      // The seed article and the second report of the 1 November 2013 strike share one incident.
      const mehsud = incidents.filter((i) => i.date.start !== null && i.date.start <= '2013-11-01' && (i.date.end ?? i.date.start) >= '2013-11-01' && i.place?.country === 'PK')
      expect(mehsud.length).toBe(1)
      expect(mehsud[0]!.sourceCount).toBeGreaterThanOrEqual(2)
      const second = await cli(['demo', '--no-serve'], env)
      expect(second.code).toBe(0)
      expect(second.out).toMatch(/ingested 0 new sources, 7 already stored/)
      expect((await store.claims.list({}, { limit: 1 })).total).toBe(claims)
    } finally {
      await store.close()
    }
  })
})
