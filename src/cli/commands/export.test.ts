/**
 * @module `reckon export` on a real SQLite store: a cell a spreadsheet would run as a formula is neutralised by
 * default, and written exactly with --raw (the round trip); named victims one row each with --what victims.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { csvRow, parseCsv } from '../../importers/csv.js'
import { runCli } from '../../../test/helpers/run-cli.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-export-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const sample = join(import.meta.dirname, '..', '..', '..', 'samples', 'datasets', 'acled-example.csv')

describe('reckon export', () => {
  it('neutralises formula cells unless --raw; plain negative numbers stay numbers either way', async () => {
    const [header, ...rows] = parseCsv(readFileSync(sample, 'utf8'))
    const notes = header!.indexOf('notes')
    const row = rows[0]!.map((v, i) => (i === notes ? '=HYPERLINK("http://example.invalid","open")' : v))
    const file = join(root, 'hostile.csv')
    writeFileSync(file, csvRow(header!, { formulas: 'raw' }) + csvRow(row, { formulas: 'raw' }))
    const env = { DATABASE_URL: join(root, 'export.db') }
    expect((await runCli(['import', '--format', 'acled', file], { env, cwd: root })).code).toBe(0)

    const exported = async (extra: string[]): Promise<Map<string, string>> => {
      const out = join(root, `out${extra.join('')}.csv`)
      expect((await runCli(['export', '--format', 'acled', ...extra, '--out', out], { env, cwd: root })).code).toBe(0)
      const [h, first] = parseCsv(readFileSync(out, 'utf8'))
      return new Map(h!.map((c, i) => [c, first![i]!]))
    }
    const safe = await exported([])
    expect(safe.get('notes')).toBe(`'=HYPERLINK("http://example.invalid","open")`)
    const raw = await exported(['--raw'])
    expect(raw.get('notes')).toBe('=HYPERLINK("http://example.invalid","open")')
    for (const cells of [safe, raw]) expect(cells.get('longitude')).toBe(row[header!.indexOf('longitude')])
  })

  it('writes one row per named victim with --what victims, and refuses a dataset layout for them', async () => {
    const report = join(root, 'report.txt')
    // Our own report naming two of the dead.
    writeFileSync(report, 'A drone strike hit a house in Datta Khel, North Waziristan, on Tuesday, residents said. Those killed were Noor Zaman and Gul Wazir.')
    const env = { DATABASE_URL: join(root, 'victims.db') }
    expect((await runCli(['ingest', report, '--publisher', 'Test Wire', '--published', '2014-03-05'], { env, cwd: root })).code).toBe(0)
    const out = join(root, 'victims.csv')
    const done = await runCli(['export', '--what', 'victims', '--out', out], { env, cwd: root })
    expect(done.code).toBe(0)
    expect(done.err).toContain('exported 2 victims')
    const [h, ...rows] = parseCsv(readFileSync(out, 'utf8'))
    const col = (name: string) => h!.indexOf(name)
    expect(rows.map((r) => [r[col('name')], r[col('fate')], r[col('review')], r[col('place')]])).toEqual([
      ['Noor Zaman', 'killed', 'found', 'Datta Khel'],
      ['Gul Wazir', 'killed', 'found', 'Datta Khel'],
    ])
    expect((await runCli(['export', '--what', 'victims', '--format', 'acled'], { env, cwd: root })).code).not.toBe(0)
    expect((await runCli(['export', '--what', 'everything'], { env, cwd: root })).code).not.toBe(0)
  })
})
