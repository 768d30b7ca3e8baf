/**
 * @module `reckon check`, `reckon incidents`, `reckon incident` and `reckon extract --check` run in-process on a real
 * SQLite store (and PostgreSQL when TEST_DATABASE_URL is set): the seed's findings with quotes, one incident from
 * two reports, filters, and exit codes for bad input.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { usePgTestDatabase } from '../../../test/helpers/pg-test-database.js'
import { runCli, type CliRun } from '../../../test/helpers/run-cli.js'

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures')
const root = mkdtempSync(join(tmpdir(), 'reckon-check-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const cli = async (argv: string[], env: Record<string, string | undefined>): Promise<CliRun> => runCli(argv, { env, cwd: root })

function suite(name: string, env: () => Record<string, string>): void {
  describe(`check and incidents on ${name}`, () => {
    it('ingests the seed and a second report, then checks, lists and shows', async () => {
      expect((await cli(['ingest', join(fixtures, 'seed-article.txt'), '--published', '2013-11-04', '--publisher', 'WSWS'], env())).code).toBe(0)
      expect((await cli(['ingest', join(fixtures, 'mehsud-second-report.txt'), '--published', '2013-11-02', '--publisher', 'Dawn'], env())).code).toBe(0)

      const check = await cli(['check'], env())
      expect(check.code).toBe(0)
      expect(check.out).toContain('2 contradiction(s), 1 tension(s)')
      expect(check.out).toContain('arithmetic: 400 − 67 = 333')
      expect(check.out).toContain('- Ben Emmerson: “UN special rapporteur')
      const json = JSON.parse((await cli(['check', '--json'], env())).out) as { kind: string; evidence: { quote: string; claimant: string | null }[] }[]
      expect(json.filter((f) => f.kind === 'tension')).toHaveLength(1)
      expect(json.every((f) => f.evidence.length >= 2 && f.evidence.every((e) => e.quote.length > 0))).toBe(true)

      const list = await cli(['incidents', '--from', '2013-10-30', '--to', '2013-11-02', '--country', 'pk', '--actor', 'united states'], env())
      expect(list.code).toBe(0)
      const rows = list.out.trim().split('\n').slice(1)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toContain('≥ 5')
      const id = rows[0]!.split(/\s+/)[0]!
      expect((await cli(['incidents', '--country', 'YE'], env())).out).toContain('no incidents')

      const shown = await cli(['incident', id], env())
      expect(shown.code).toBe(0)
      expect(shown.out).toContain('killed total: ≥ 5  (2 independent sources')
      expect(shown.out).toContain('low  ← Pakistani security officials: 5 “Five people were killed')
      expect(shown.out).toMatch(/Sources\n.*WSWS.*\n.*Dawn/)
      // The second report joins the seed's strike (by what they share, now that the incident sits at the village).
      expect(shown.out).toMatch(/linked by cli: joined: /)
      // Where and when, as the claims set them, with the claim that sets each.
      expect(shown.out).toMatch(/Place from its claims: .+, set by .+ \(.+, clm_/)
      expect(shown.out).toMatch(/Date from its claims: 2013-1\d-\d\d.*, set by /)
      const asJson = JSON.parse((await cli(['incident', id, '--json'], env())).out) as { sources: unknown[]; claims: { id: string }[]; setting: { placeClaim: string | null } }
      expect(asJson.sources).toHaveLength(2)
      expect(asJson.claims.map((c) => c.id)).toContain(asJson.setting.placeClaim)
    })

    it('refuses bad input with the usual exit codes', async () => {
      const bad = await cli(['incidents', '--from', '2013-13-01'], env())
      expect(bad.code).not.toBe(0)
      expect(bad.err).toContain('--from must be a date')
      const missing = await cli(['incident', 'inc_nope'], env())
      expect(missing.code).not.toBe(0)
      expect(missing.err).toContain('incident inc_nope not found')
    })
  })
}

describe('reckon extract --check', () => {
  it('prints the findings of one document without a store', async () => {
    const r = await cli(['extract', '--check', join(fixtures, 'seed-article.txt'), '--published', '2013-11-04', '--json'], { DATABASE_URL: join(root, 'never-created.db') })
    expect(r.code).toBe(0)
    const body = JSON.parse(r.out) as { claims: unknown[]; findings: { kind: string; claimants: string[] }[] }
    expect(body.findings.map((f) => f.kind).sort()).toEqual(['contradiction', 'contradiction', 'tension'])
    const table = await cli(['extract', '--check', join(fixtures, 'seed-article.txt'), '--published', '2013-11-04'], {})
    expect(table.out).toContain('TENSION (killed, civilians)')
    // It checks the document alone: no store is opened, so none is created.
    expect(existsSync(join(root, 'never-created.db'))).toBe(false)
  })
})

suite('SQLite', () => ({ DATABASE_URL: join(root, 'check.db') }))

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl !== undefined && adminUrl !== '') {
  const dbName = `reckon_checkcli_${randomBytes(4).toString('hex')}`
  let url = ''
  usePgTestDatabase(adminUrl, dbName, (u) => (url = u))
  suite('PostgreSQL', () => ({ DATABASE_URL: url }))
}
