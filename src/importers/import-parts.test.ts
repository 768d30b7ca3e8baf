/** @module Parts of a dataset file parse to exactly the rows, and name exactly the lines, that the whole file does. */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { readCsv, type CsvRecord } from './csv.js'
import { importDataset } from '../app/import-dataset.js'
import { planImportParts, readImportPart } from './import-parts.js'
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-parts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'datasets')

async function records(chunks: AsyncIterable<Uint8Array | string> | Iterable<string>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = []
  for await (const r of readCsv(chunks)) out.push(r)
  return out
}

/** The data records of every part, with lines as the whole file numbers them. */
async function viaParts(file: string, rowsPerPart: number): Promise<{ records: CsvRecord[]; parts: number }> {
  const plan = await planImportParts(file, 'acled', rowsPerPart)
  const out: CsvRecord[] = []
  for (const part of plan.parts) {
    const [, ...rows] = await records(readImportPart(file, part))
    expect(rows.length).toBeLessThanOrEqual(rowsPerPart)
    out.push(...rows.map((r) => ({ fields: r.fields, line: r.line + part.lineOffset })))
  }
  return { records: out, parts: plan.parts.length }
}

// Fields with the characters that make CSV hard: quotes, commas, CR, LF, and multi-byte text.
const field = fc.oneof(
  fc.constantFrom('', 'a', 'Mir Ali', 'قصف', '"quoted"', 'x,y', 'two\nlines', 'cr\rlf\r\n', '""', ' lead', 'a"b\nc', 'said ""no"",\r\nthen'),
  fc.string({ maxLength: 6 }),
)
const quote = (v: string): string => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v)

describe('import parts', () => {
  it('cut anywhere, parts give the whole file\'s records on the whole file\'s lines', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { maxLength: 25 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        async (rows, eol, bom, blankLines, every) => {
          const lines = [['a', 'b', 'c'], ...rows].map((r) => r.map(quote).join(','))
          const text = (bom ? '\uFEFF' : '') + lines.join(blankLines ? eol + eol : eol) + (rows.length % 2 === 0 ? eol : '')
          const file = join(dir, `p${n++}.csv`)
          writeFileSync(file, text)
          const [, ...whole] = await records([text])
          const parted = await viaParts(file, every)
          expect(parted.records).toEqual(whole)
          expect(parted.parts).toBe(Math.max(1, Math.ceil(whole.length / every)))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('an import run part by part names the same bad lines and stores the same rows as the whole file', async () => {
    const file = join(FIX, 'acled-sample.csv')
    const whole = openSqliteStore(':memory:')
    const parted = openSqliteStore(':memory:')
    try {
      const a = await importDataset(whole, 'acled', createReadStream(file), { ctx: { actor: 'test' } })
      const plan = await planImportParts(file, 'acled', 2)
      expect(plan.parts.length).toBe(3)
      const problems = []
      for (const part of plan.parts) {
        const r = await importDataset(parted, 'acled', readImportPart(file, part), { ctx: { actor: 'test' }, lineOffset: part.lineOffset })
        problems.push(...r.problems)
      }
      expect(problems).toEqual(a.problems)
      expect(problems.map((p) => p.line)).toEqual([6, 8])
      expect(await parted.sources.count()).toBe(await whole.sources.count())
    } finally {
      await whole.close()
      await parted.close()
    }
  })
})
