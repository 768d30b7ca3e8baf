/**
 * @module `reckon import` in-process on real stores (SQLite always, PostgreSQL when TEST_DATABASE_URL is set): sample
 * files of each format import with the right counts, ranges and precisions; re-import adds nothing; bad rows are
 * named by line; a wrong header is refused.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../storage/open-store.js'
import { parseDatabaseUrl } from '../../config.js'
import { usePgTestDatabase } from '../../../test/helpers/pg-test-database.js'
import { runCli, type CliRun } from '../../../test/helpers/run-cli.js'

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'datasets')
const root = mkdtempSync(join(tmpdir(), 'reckon-import-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const cli = async (argv: string[], env: Record<string, string | undefined>): Promise<CliRun> => runCli(argv, { env, cwd: root })

function suite(name: string, env: () => Record<string, string>): void {
  describe(`reckon import on ${name}`, () => {
    it('imports each format, names bad lines, and a second import adds nothing', async () => {
      const acled = await cli(['import', '--format', 'acled', join(fixtures, 'acled-sample.csv')], env())
      expect(acled.code).toBe(65)
      expect(acled.out).toMatch(/imported 4 new rows \(4 claims, 4 incidents\), 0 already stored, 2 bad/)
      expect(acled.err).toContain('acled-sample.csv:6: event_date')
      expect(acled.err).toContain('acled-sample.csv:8: fatalities')
      const ucdp = await cli(['import', '--format', 'ucdp-ged', '--batch', '2', join(fixtures, 'ucdp-ged-sample.csv')], env())
      expect(ucdp.out).toMatch(/imported 3 new rows \(6 claims, 3 incidents\)/)
      const ds = await cli(['import', '--format', 'dronestream', join(fixtures, 'dronestream-sample.json')], env())
      expect(ds.out).toMatch(/imported 3 new rows \(7 claims, 3 incidents\)/)
      // A JSON array's bad record is named by the line it starts on, and by its place in the array.
      expect(ds.err).toContain('dronestream-sample.json:55: record 3: date: no such date')
      const again = await cli(['import', '--format', 'acled', join(fixtures, 'acled-sample.csv')], env())
      expect(again.out).toMatch(/imported 0 new rows \(0 claims, 0 incidents\), 4 already stored, 2 bad/)

      const store = await openStore(parseDatabaseUrl(env().DATABASE_URL))
      try {
        expect(await store.sources.count()).toBe(10)
        const ucdpClaims = (await store.claims.list({}, { limit: 100 })).items.filter((c) => c.claimant === 'UCDP')
        expect(ucdpClaims.map((c) => [c.category, c.min, c.max]).sort()).toEqual([['civilians', 0, 0], ['civilians', 2, 2], ['civilians', 3, 3], ['total', 11, 20], ['total', 4, 6], ['total', 9, 12]])
        expect(ucdpClaims.every((c) => c.incidentId !== null)).toBe(true)
        const pk = await store.incidents.list({ country: 'PK' }, { limit: 100 })
        expect(pk.total).toBe(5) // 2 ACLED, 2 UCDP, 1 dronestream
        const month = pk.items.find((i) => i.date.precision === 'month')
        expect(month?.date).toMatchObject({ start: '2013-10-01', end: '2013-10-31' })
        expect(pk.items.map((i) => i.place?.precision).sort()).toEqual(['district', 'locality', 'locality', 'locality', 'region'])
        const killed = pk.items.find((i) => i.actor === 'Government of United States of America' && i.date.start === '2013-11-01')
        expect(killed?.figures.find((f) => f.category === 'total')).toMatchObject({ min: 4, max: 6 })
      } finally {
        await store.close()
      }
    })

    it('export round-trips: imported rows come back unchanged, other incidents are written from their figures', async () => {
      const acledOut = join(root, `${name}-export-acled.csv`)
      const ex = await cli(['export', '--format', 'acled', '--out', acledOut], env())
      expect(ex.code).toBe(0)
      expect(ex.err).toContain('exported 10 incidents')
      // The 4 ACLED rows are already stored (same canonical row), the 6 incidents from UCDP and dronestream are new.
      const back = await cli(['import', '--format', 'acled', acledOut], env())
      expect(back.out).toMatch(/imported 6 new rows \(6 claims, 6 incidents\), 4 already stored, 0 bad/)
      const fresh = { DATABASE_URL: join(root, `${name}-fresh.db`) }
      const ucdpOut = join(root, `${name}-export-ucdp.csv`)
      await cli(['export', '--format', 'ucdp-ged', '--out', ucdpOut], env())
      const u = await cli(['import', '--format', 'ucdp-ged', ucdpOut], fresh)
      expect(u.code).toBe(0)
      expect(u.out).toMatch(/imported 16 new rows/)
      const store = await openStore(parseDatabaseUrl(fresh.DATABASE_URL))
      try {
        const incidents = (await store.incidents.list({}, { limit: 100 })).items
        const totals = incidents.map((i) => i.figures.find((f) => f.category === 'total')).map((f) => [f?.min, f?.max])
        // The UCDP rows' ranges survive, and the dronestream 6–8 becomes low 6, high 8.
        expect(totals).toEqual(expect.arrayContaining([[4, 6], [9, 12], [11, 20], [6, 8], [5, 12]]))
        expect(incidents.filter((i) => i.place?.country === 'YE').length).toBeGreaterThan(0)
      } finally {
        await store.close()
      }
    })

    it('refuses a file of the wrong format, naming the missing columns', async () => {
      const r = await cli(['import', '--format', 'ucdp-ged', join(fixtures, 'acled-sample.csv')], env())
      expect(r.code).not.toBe(0)
      expect(r.err).toMatch(/not a UCDP GED file: missing columns id, side_a, where_prec/)
    })
  })
}

suite('SQLite', () => ({ DATABASE_URL: join(root, 'import.db') }))

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl !== undefined && adminUrl !== '') {
  const dbName = `reckon_import_${randomBytes(4).toString('hex')}`
  let url = ''
  usePgTestDatabase(adminUrl, dbName, (u) => (url = u))
  suite('PostgreSQL', () => ({ DATABASE_URL: url }))
} else {
  describe('reckon import on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set; .ci/run sets it', () => {})
  })
}

describe('reckon import arguments', () => {
  it('an unknown format is refused', async () => {
    const f = join(root, 'x.csv')
    writeFileSync(f, 'a\n1\n')
    const r = await cli(['import', '--format', 'gdelt', f], { DATABASE_URL: join(root, 'args.db') })
    expect(r.code).not.toBe(0)
    expect(r.err).toContain('--format must be one of acled, ucdp-ged, dronestream')
  })
})
