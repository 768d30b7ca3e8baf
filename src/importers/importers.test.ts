import { createReadStream, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { claimDraft } from '../domain/claim.js'
import { place } from '../domain/place.js'
import { readAcled } from './acled.js'
import { MissingColumns, type DatasetItem } from './dataset.js'
import { countRange, readDronestream } from './dronestream.js'
import { readUcdpGed } from './ucdp-ged.js'

const FIX = new URL('../../test/fixtures/datasets/', import.meta.url)
const EVAL = new URL('../../../shared/eval/dronestream-dev.jsonl', import.meta.url)

async function collect(items: AsyncIterable<DatasetItem>) {
  const records = []
  const problems = []
  for await (const it of items) {
    if ('record' in it) records.push(it.record)
    else problems.push(it.problem)
  }
  return { records, problems }
}

/** Every claim's quote is the text at its span, and every claim and place passes domain validation. */
function checkRecords(records: Awaited<ReturnType<typeof collect>>['records']) {
  for (const r of records) {
    for (const c of r.claims) {
      expect(r.source.text.slice(c.span.start, c.span.end)).toBe(c.quote)
      expect(() => claimDraft(c, r.source.text)).not.toThrow()
    }
    if (r.incident?.place) expect(() => place(r.incident!.place)).not.toThrow()
    expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(r.source.kind).toBe('dataset')
  }
}

describe('ACLED', () => {
  test('sample: good rows become records, bad rows become problems with their file line', async () => {
    const { records, problems } = await collect(readAcled(createReadStream(new URL('acled-sample.csv', FIX)), 'acled-sample.csv'))
    expect(records.map((r) => r.claims[0]?.eventKey)).toEqual(['PAK10001', 'PAK10002', 'YEM20001', 'AFG40001'])
    expect(problems.map((p) => p.line)).toEqual([6, 8])
    expect(problems[0]!.message).toContain('event_date')
    expect(problems[1]!.message).toContain('fatalities')
    checkRecords(records)
    const [first, second, yem, afg] = records
    expect(first!.claims[0]).toMatchObject({ measure: 'killed', category: 'total', min: 4, max: null, qualifier: 'at_least', claimant: 'ACLED', quote: 'fatalities: 4' })
    expect(first!.source.text).toContain('killing "at least" 4 people') // quotes unescaped, line break folded
    expect(first!.incident).toMatchObject({ place: { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', name: 'Dande Darpa Khel', precision: 'locality', lat: 33.0167 }, date: { start: '2013-11-01', precision: 'day' } })
    expect(second!.incident!.date).toMatchObject({ precision: 'week', text: 'ACLED time_precision 2' })
    expect(second!.incident!.place!.precision).toBe('district')
    expect(yem!.incident!.place!.country).toBe('YE')
    expect(afg!.incident!.place).toMatchObject({ country: 'AF', precision: 'region' })
    expect(afg!.incident!.date.precision).toBe('month')
  })

  test('the same row gives the same source hash however the file is quoted or broken into lines', async () => {
    const a = await collect(readAcled([readFileSync(new URL('acled-sample.csv', FIX), 'utf8')]))
    const b = await collect(readAcled([readFileSync(new URL('acled-sample.csv', FIX), 'utf8').replace(/\r\n/g, '\n').replace(/Southern Asia/g, '"Southern Asia"')]))
    expect(b.records.map((r) => r.source.sha256)).toEqual(a.records.map((r) => r.source.sha256))
  })

  test('a file without the ACLED columns is refused, naming what is missing', async () => {
    await expect(collect(readAcled(['event_id_cnty,event_date,notes\nX,2020-01-01,n\n']))).rejects.toThrow(MissingColumns)
    await expect(collect(readAcled(['event_id_cnty,event_date,notes\n']))).rejects.toThrow(/missing columns time_precision, event_type.*fatalities/)
  })

  test('a row with the wrong number of fields is a problem, not a crash', async () => {
    const text = readFileSync(new URL('acled-sample.csv', FIX), 'utf8').split('\r\n').slice(0, 1).join('') + '\r\nPAK1,2013-01-01,2013\r\n'
    const { records, problems } = await collect(readAcled([text]))
    expect(records).toEqual([])
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining('expected 31 fields, found 3') }])
  })
})

describe('UCDP GED', () => {
  test('sample: range claim low–high quoting best..low, civilian claim, precisions kept', async () => {
    const { records, problems } = await collect(readUcdpGed(createReadStream(new URL('ucdp-ged-sample.csv', FIX))))
    expect(records).toHaveLength(3)
    expect(problems).toEqual([{ line: 5, message: expect.stringContaining('low ≤ best ≤ high') }])
    checkRecords(records)
    const [a, b, c] = records
    expect(a!.claims.map((x) => [x.category, x.min, x.max, x.qualifier])).toEqual([['total', 4, 6, 'range'], ['civilians', 0, 0, 'exact']])
    expect(a!.claims[0]!.quote).toBe('best: 5\nhigh: 6\nlow: 4')
    expect(a!.incident).toMatchObject({ actor: 'Government of United States of America', target: 'TTP', place: { country: 'PK', precision: 'locality' } })
    expect(b!.incident!.place!.precision).toBe('region')
    expect(b!.incident!.date).toMatchObject({ start: '2013-10-01', end: '2013-10-31', precision: 'month', text: 'UCDP date_prec 4' })
    expect(c!.incident!.place).toMatchObject({ country: 'YE', precision: 'country' })
    expect(c!.incident!.date.precision).toBe('span')
  })
})

describe('dronestream', () => {
  test('sample: ranges from strings, town/region/country precision, problems by record number', async () => {
    const { records, problems } = await collect(readDronestream(createReadStream(new URL('dronestream-sample.json', FIX))))
    expect(records).toHaveLength(3)
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('no such date') }])
    checkRecords(records)
    const [yem, pak, som] = records
    expect(yem!.incident!.place).toMatchObject({ country: 'YE', name: 'Marib Province', admin1: 'Marib', precision: 'region' })
    expect(pak!.claims.map((c) => [c.measure, c.category, c.min, c.max])).toEqual([['killed', 'total', 6, 8], ['killed', 'civilians', 2, 2], ['killed', 'children', 2, 2]])
    expect(pak!.incident!.place).toMatchObject({ name: 'Wana', admin1: 'South Waziristan', precision: 'locality' })
    expect(pak!.incident!.victims).toEqual(['Nek Mohammed Wazir'])
    expect(som!.claims.map((c) => [c.category, c.min, c.max])).toEqual([['total', 5, 12], ['civilians', 0, 2]])
  })

  test('countRange', () => {
    expect(countRange('3')).toEqual([3, 3])
    expect(countRange('0-2')).toEqual([0, 2])
    expect(countRange(' 4 – 7 ')).toEqual([4, 7])
    expect(countRange(5)).toEqual([5, 5])
    expect(countRange('')).toBeNull()
    expect(countRange('Unknown')).toBeNull()
  })

  test('records built from the shared eval set import with their gold ranges', async () => {
    const lines = readFileSync(EVAL, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; published: string; country: string; text: string; gold: { killed: { min: number; max: number } | null; civilians: { min: number; max: number } | null } })
    const narratives = lines.filter((l) => l.id.endsWith('-narrative') && l.gold.killed).slice(0, 50)
    const jsonl = narratives.map((l) => JSON.stringify({
      number: Number(/dronestream-(\d+)-/.exec(l.id)![1]), country: l.country, date: l.published, narrative: l.text,
      deaths_min: String(l.gold.killed!.min), deaths_max: String(l.gold.killed!.max), civilians: l.gold.civilians ? `${l.gold.civilians.min}-${l.gold.civilians.max}` : '',
    })).join('\n')
    const { records, problems } = await collect(readDronestream([jsonl]))
    expect(problems).toEqual([])
    expect(records).toHaveLength(narratives.length)
    checkRecords(records)
    records.forEach((r, i) => {
      expect(r.claims[0]).toMatchObject({ min: narratives[i]!.gold.killed!.min, max: narratives[i]!.gold.killed!.max })
      expect(r.incident!.place!.country).not.toBeNull()
    })
  })
})
