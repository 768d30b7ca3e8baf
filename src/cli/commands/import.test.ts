/**
 * @module `reckon import` in-process on real stores (SQLite always, PostgreSQL when TEST_DATABASE_URL is set): sample
 * files of each format import with the right counts, ranges and precisions; re-import adds nothing; bad rows are
 * named by line; a wrong header is refused.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Incident } from '../../domain/incident.js'
import { csvRow, readCsv } from '../../importers/csv.js'
import { openStore } from '../../storage/open-store.js'
import { parseDatabaseUrl } from '../../config.js'
import { usePgTestDatabase } from '../../../test/helpers/pg-test-database.js'
import { runCli, type CliRun } from '../../../test/helpers/run-cli.js'

/** Test files are read back by a program, so their cells are written exactly. */
const RAW = { formulas: 'raw' } as const

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'datasets')
const root = mkdtempSync(join(tmpdir(), 'reckon-import-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const cli = async (argv: string[], env: Record<string, string | undefined>): Promise<CliRun> => runCli(argv, { env, cwd: root })

/** Every record of a CSV file as its fields, header first. */
async function records(file: string): Promise<string[][]> {
  const out: string[][] = []
  for await (const r of readCsv([readFileSync(file, 'utf8')])) out.push(r.fields)
  return out
}

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
        // 2 ACLED, 2 UCDP, 1 dronestream rows; ACLED PAK10001 and UCDP 123001 record one strike, matched on import.
        expect(pk.total).toBe(4)
        expect(ucdp.out).toMatch(/1 matched to incidents on record/)
        const month = pk.items.find((i) => i.date.precision === 'month')
        expect(month?.date).toMatchObject({ start: '2013-10-01', end: '2013-10-31' })
        expect(pk.items.map((i) => i.place?.precision).sort()).toEqual(['district', 'locality', 'locality', 'region'])
        const killed = pk.items.find((i) => i.date.start === '2013-11-01')!
        // UCDP 4–6 beside ACLED's "at least" fatalities: the high end stays open.
        expect(killed.figures.find((f) => f.category === 'total')).toMatchObject({ min: 4, max: null, sources: 2 })
        const merged = (await store.incidents.list({ country: 'PK', status: 'merged' })).items
        expect(merged).toHaveLength(1)
        expect(merged[0]).toMatchObject({ mergedInto: killed.id, actor: 'Government of United States of America' })
        const why = (await store.revisions.list({ entityType: 'incident', entityId: merged[0]!.id })).items[0]!
        expect(why).toMatchObject({ action: 'merge' })
        expect(why.why).toMatch(/^matched: .*same day \(2013-11-01\).*same actor/)
      } finally {
        await store.close()
      }
    })

    it('export round-trips: imported rows come back unchanged, other incidents are written from their figures', async () => {
      const acledOut = join(root, `${name}-export-acled.csv`)
      const ex = await cli(['export', '--format', 'acled', '--raw', '--out', acledOut], env())
      expect(ex.code).toBe(0)
      expect(ex.err).toContain('exported 9 incidents')
      // The 4 ACLED rows are already stored (same canonical row); the 5 incidents from UCDP and dronestream come back
      // as new ACLED rows. The 3 dated to a day match the incident each was written from; the 2 UCDP incidents dated
      // only to a month or half-year are not told apart from other strikes by date, so they are left unmatched.
      const back = await cli(['import', '--format', 'acled', acledOut], env())
      expect(back.out).toMatch(/imported 5 new rows \(5 claims, 5 incidents\), 4 already stored, 0 bad, 3 matched/)
      const fresh = { DATABASE_URL: join(root, `${name}-fresh.db`) }
      const ucdpOut = join(root, `${name}-export-ucdp.csv`)
      await cli(['export', '--format', 'ucdp-ged', '--raw', '--out', ucdpOut], env())
      const u = await cli(['import', '--format', 'ucdp-ged', ucdpOut], fresh)
      expect(u.code).toBe(0)
      expect(u.out).toMatch(/imported 11 new rows/) // the 14 incidents on record less the 3 matched
      const store = await openStore(parseDatabaseUrl(fresh.DATABASE_URL))
      try {
        const incidents = (await store.incidents.list({}, { limit: 100 })).items
        const totals = incidents.map((i) => i.figures.find((f) => f.category === 'total')).map((f) => [f?.min, f?.max])
        // The UCDP rows' ranges survive; incidents matched with an ACLED "at least" row (dronestream 6–8 with ACLED's
        // 6, 5–12 with ACLED's 12) are open above, exported with an empty high and read back as open.
        expect(totals).toEqual(expect.arrayContaining([[4, 6], [9, 12], [11, 20], [6, null], [5, null]]))
        expect(incidents.filter((i) => i.place?.country === 'YE').length).toBeGreaterThan(0)
      } finally {
        await store.close()
      }
    })

    it('a re-issued row supersedes its earlier version; precision codes show in `reckon incident` and survive export', async () => {
      // ACLED re-issues PAK10001 with a higher toll; UCDP adds an event at where_prec 5 and date_prec 2.
      const acled = await records(join(fixtures, 'acled-sample.csv'))
      const fat = acled[0]!.indexOf('fatalities')
      const pak = acled.find((r) => r[0] === 'PAK10001')!
      const revised = join(root, `${name}-acled-revised.csv`)
      writeFileSync(revised, csvRow(acled[0]!, RAW) + csvRow(pak.map((v, i) => (i === fat ? '9' : v)), RAW))
      const r = await cli(['import', '--format', 'acled', revised], env())
      expect(r.out).toMatch(/imported 1 new row \(1 claims, 0 incidents\), 1 revised \(superseding their earlier version\), 0 already stored, 0 bad/)
      const ucdp = await records(join(fixtures, 'ucdp-ged-sample.csv'))
      const col = (c: string) => ucdp[0]!.indexOf(c)
      const coded = ucdp[1]!.map((v, i) => (i === col('id') ? '999001' : i === col('where_prec') ? '5' : i === col('date_prec') ? '2' : v))
      const codedFile = join(root, `${name}-ucdp-coded.csv`)
      writeFileSync(codedFile, csvRow(ucdp[0]!, RAW) + csvRow(coded, RAW))
      // Unmatched, so the incident is this row's own (matching would merge it into ACLED's week-dated Miranshah strike).
      expect((await cli(['import', '--no-match', '--format', 'ucdp-ged', codedFile], env())).code).toBe(0)

      const store = await openStore(parseDatabaseUrl(env().DATABASE_URL))
      let pakId = ''
      let codedId = ''
      try {
        const all = (await store.incidents.list({}, { limit: 100 })).items
        const pakInc = all.find((i) => i.links.some((l) => l.reason.startsWith('import:acled event PAK10001')))!
        pakId = pakInc.id
        expect(all.filter((i) => i.links.some((l) => l.reason.startsWith('import:acled event PAK10001')))).toHaveLength(1)
        // The incident was matched to UCDP 123001 on import: its 4–6 and ACLED's revised "at least 9" give 4 and more
        // (an open claim keeps the high end open); the links are ACLED's old (now rejected) and new claims and UCDP's two.
        expect(pakInc.figures.find((f) => f.category === 'total')).toMatchObject({ min: 4, max: null })
        expect(pakInc.links).toHaveLength(4)
        codedId = all.find((i) => i.links.some((l) => l.reason.startsWith('import:ucdp-ged event 999001')))!.id
      } finally {
        await store.close()
      }
      const shown = await cli(['incident', pakId], env())
      expect(shown.out).toContain('Precision: date day (ACLED time_precision 1); place locality (ACLED geo_precision 1)')
      expect(shown.out).toMatch(/ACLED: ≥ ?4 .*\[rejected\]/)
      expect(shown.out).toContain(`revise  by cli: reckon import --format acled ${name}-acled-revised.csv: row acled:PAK10001 re-issued`)
      expect(shown.out).toContain('row PAK10001')
      const codedShown = await cli(['incident', codedId], env())
      expect(codedShown.out).toContain('Precision: date week (UCDP date_prec 2); place region (UCDP where_prec 5)')

      /** Exports the store as `format`, imports that file into a fresh SQLite store, and returns the incident of `event` there. */
      const reimported = async (format: 'acled' | 'ucdp-ged', label: string, event: string): Promise<Incident> => {
        const out = join(root, `${name}-${label}-export.csv`)
        await cli(['export', '--format', format, '--raw', '--out', out], env())
        const fresh = { DATABASE_URL: join(root, `${name}-${label}-fresh.db`) }
        expect((await cli(['import', '--format', format, out], fresh)).code).toBe(0)
        const back = await openStore(parseDatabaseUrl(fresh.DATABASE_URL))
        try {
          return (await back.incidents.list({}, { limit: 100 })).items.find((i) => i.links.some((l) => l.reason.startsWith(`import:${format} event ${event}`)))!
        } finally {
          await back.close()
        }
      }
      // Round trip through a UCDP export into a fresh store: the codes come back, not just "region" and "week".
      const inc = await reimported('ucdp-ged', 'coded', '999001')
      expect(inc.place?.precisionCode).toBe('UCDP where_prec 5')
      expect(inc.date.text).toBe('UCDP date_prec 2')
      // Through an ACLED export, the revised row goes out as the new version: its low bound is 9.
      const acledBack = await reimported('acled', 'revised', 'PAK10001')
      expect(acledBack.figures.find((f) => f.category === 'total')).toMatchObject({ min: 9 })
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

describe('reckon import progress', () => {
  it('on a terminal, redraws one progress line after each batch and clears it before the summary; elsewhere prints none', async () => {
    const file = join(fixtures, 'acled-sample.csv')
    const tty = await runCli(['import', '--format', 'acled', '--batch', '2', file], { env: { DATABASE_URL: join(root, 'progress-tty.db') }, cwd: root, tty: true })
    expect(tty.code).toBe(65)
    const [before, ...redraws] = tty.err.split('\r\x1b[K')
    expect(before).toBe('')
    // Rows 1–2 are one batch; row 3 (line 6) is bad; rows 4–5 the next batch; row 6 (line 8) is bad, after the last batch.
    expect(redraws.slice(0, 3)).toEqual([
      '2 rows read, 2 new, 0 already stored, 0 bad',
      '5 rows read, 4 new, 0 already stored, 1 bad',
      '6 rows read, 4 new, 0 already stored, 2 bad',
    ])
    // Into an empty store the indexes set aside for the load are rebuilt at the end, and the line says so.
    expect(redraws[3]).toBe('6 rows read, 4 new, 0 already stored, 2 bad; rebuilding the indexes set aside for the load')
    // The line is cleared, then the bad rows are listed on lines of their own.
    expect(redraws[4]).toMatch(/^reckon: acled-sample\.csv:6: event_date/)
    expect(tty.out).toMatch(/^imported 4 new rows/)
    // Into a store that holds rows, nothing is set aside, and nothing is rebuilt.
    const again = await runCli(['import', '--format', 'acled', '--batch', '2', file], { env: { DATABASE_URL: join(root, 'progress-tty.db') }, cwd: root, tty: true })
    expect(again.err).toContain('6 rows read, 0 new, 4 already stored, 2 bad')
    expect(again.err).not.toContain('rebuilding')
    const piped = await runCli(['import', '--format', 'acled', '--batch', '2', file], { env: { DATABASE_URL: join(root, 'progress-pipe.db') }, cwd: root })
    expect(piped.err).not.toContain('\r')
    expect(piped.err).not.toContain('rows read')
  })
})

describe('reckon import arguments', () => {
  it('an unknown format is refused', async () => {
    const f = join(root, 'x.csv')
    writeFileSync(f, 'a\n1\n')
    const r = await cli(['import', '--format', 'gdelt', f], { DATABASE_URL: join(root, 'args.db') })
    expect(r.code).not.toBe(0)
    expect(r.err).toContain('--format must be one of acled, ucdp-ged, dronestream')
  })
})
