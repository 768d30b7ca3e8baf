/**
 * @module `reckon export` on a real SQLite store: a cell a spreadsheet would run as a formula is neutralised by
 * default, and written exactly with --raw (the round trip).
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
})
