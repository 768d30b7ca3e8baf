import { createReadStream, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { claimDraft } from '../domain/claim.js'
import { place } from '../domain/place.js'
import { readAcled } from './acled.js'
import { MissingColumns, type DatasetItem } from './dataset.js'
import { countRange, killedRange, nameList, readDronestream } from './dronestream.js'
import { readUcdpGed } from './ucdp-ged.js'

const FIX = new URL('../../test/fixtures/datasets/', import.meta.url)
// 50 dronestre.am narratives with their recorders' killed/civilian ranges (a slice of the eval set; see the folder's README).
const NARRATIVES = new URL('dronestream-narratives.jsonl', FIX)

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

  test('a count too large to be one of people is a problem on its line (PostgreSQL would refuse the whole batch)', async () => {
    const sample = readFileSync(new URL('acled-sample.csv', FIX), 'utf8')
    expect(sample).toContain('Officials gave differing tolls.",4,,')
    const { records, problems } = await collect(readAcled([sample.replace('Officials gave differing tolls.",4,,', 'Officials gave differing tolls.",3000000000,,')]))
    expect(records.map((r) => r.claims[0]?.eventKey)).not.toContain('PAK10001')
    expect(problems[0]).toEqual({ line: 2, message: expect.stringContaining('fatalities: 3000000000 is more than 1000000000') })
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
  test('sample: ranges from strings, town/region/country precision, problems by the line their record starts on', async () => {
    const { records, problems } = await collect(readDronestream(createReadStream(new URL('dronestream-sample.json', FIX))))
    expect(records).toHaveLength(3)
    // Record 3 opens on line 55 of the file.
    expect(problems).toEqual([{ line: 55, message: expect.stringMatching(/^record 3: date: no such date/) }])
    checkRecords(records)
    const [yem, pak, som] = records
    expect(yem!.incident!.place).toMatchObject({ country: 'YE', name: 'Marib Province', admin1: 'Marib', precision: 'region' })
    expect(pak!.claims.map((c) => [c.measure, c.category, c.min, c.max])).toEqual([['killed', 'total', 6, 8], ['killed', 'civilians', 2, 2], ['killed', 'children', 2, 2]])
    expect(pak!.incident!.place).toMatchObject({ name: 'Wana', admin1: 'South Waziristan', precision: 'locality' })
    expect(pak!.incident!.victims).toEqual(['Nek Mohammed Wazir'])
    expect(som!.claims.map((c) => [c.category, c.min, c.max])).toEqual([['total', 5, 12], ['civilians', 0, 2]])
    // The Bureau's own strike id is the source's external id, in its title and its row text; the row key is the number.
    expect(pak!.source).toMatchObject({ externalId: 'B1', title: expect.stringContaining('(TBIJ B1)') as string })
    expect(pak!.source.text).toContain('bureau_id: B1')
    expect(pak!.rowKey).toBe('dronestream:2')
    expect(som!.source.externalId).toBe('dronestream 4')
  })

  test('"Unknown" deaths give no killed figure, never an exact 0; a real 0 stays', async () => {
    const rec = (extra: Record<string, string>) => JSON.stringify({ number: 9, country: 'Pakistan', date: '2010-02-01', town: 'Mir Ali', ...extra })
    const { records, problems } = await collect(readDronestream([[
      rec({ deaths: 'Unknown', deaths_min: '0', deaths_max: '0', civilians: 'Unknown' }),
      rec({ deaths: 'Unknown', deaths_min: 'Unknown', deaths_max: 'Unknown' }),
      rec({ deaths: '?' }),
      rec({ deaths: '0', deaths_min: '0', deaths_max: '0' }),
      rec({ deaths: 'Unknown', deaths_min: '1', deaths_max: '3' }),
      rec({ deaths: '4-6' }),
    ].join('\n')]))
    expect(problems).toEqual([])
    expect(records.map((r) => r.claims.map((c) => [c.category, c.min, c.max]))).toEqual([[], [], [], [['total', 0, 0]], [['total', 1, 3]], [['total', 4, 6]]])
    checkRecords(records)
    expect(records[5]!.claims[0]!.quote).toBe('deaths: 4-6')
    // The row still becomes a source and an incident: the strike is on record, its toll unknown.
    expect(records[0]!.incident).not.toBeNull()
    expect(killedRange({ deaths: 'Unknown', deaths_min: '0', deaths_max: '0' })).toBeNull()
  })

  test('names given as one joined string are split into names', async () => {
    expect(nameList('Qa\'id Salim Sinan al-Harithi, Abu Ahmad al-Hijazi;  Kamal  Derwish')).toEqual(["Qa'id Salim Sinan al-Harithi", 'Abu Ahmad al-Hijazi', 'Kamal Derwish'])
    expect(nameList(['Nek Mohammed Wazir', 'A, B'])).toEqual(['Nek Mohammed Wazir', 'A', 'B'])
    expect(nameList('')).toEqual([])
    const { records } = await collect(readDronestream([JSON.stringify([{ number: 1, country: 'Yemen', date: '2002-11-03', deaths_min: '6', deaths_max: '6', names: 'A One, B Two' }])]))
    expect(records[0]!.incident!.victims).toEqual(['A One', 'B Two'])
  })

  test('a broken record in a JSON array is a problem on its own line; the records around it import', async () => {
    const good = (n: number) => `  {\n    "number": ${n},\n    "country": "Pakistan",\n    "date": "2011-0${n}-01",\n    "deaths_min": "1",\n    "deaths_max": "2"\n  }`
    const text = `[\n${good(1)},\n  {\n    "number": 2,\n    "country": "Pakistan\n  },\n${good(3)},\n  { "number": 4, "country": "Pakistan", "date": "2011-13-01" }\n]\n`
    const { records, problems } = await collect(readDronestream([text]))
    expect(records.map((r) => r.rowKey)).toEqual(['dronestream:1', 'dronestream:3'])
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1
    expect(problems).toEqual([
      { line: lineOf('"number": 2') - 1, message: 'record 2: not valid JSON' },
      { line: lineOf('"number": 4'), message: expect.stringMatching(/^record 4: date: no such date/) },
    ])
    // The API's { "strike": [...] } shape: the same lines.
    const wrapped = `{ "status": "OK",\n  "strike": ${text}}`
    const w = await collect(readDronestream([wrapped]))
    expect(w.records).toHaveLength(2)
    expect(w.problems.map((p) => p.line)).toEqual([lineOf('"number": 2'), lineOf('"number": 4') + 1])
  })

  test('countRange', () => {
    expect(countRange('3')).toEqual([3, 3])
    expect(countRange('0-2')).toEqual([0, 2])
    expect(countRange(' 4 – 7 ')).toEqual([4, 7])
    expect(countRange(5)).toEqual([5, 5])
    expect(countRange('')).toBeNull()
    expect(countRange('Unknown')).toBeNull()
    expect(countRange('2-3000000000')).toBeNull()
    expect(countRange(3e9)).toBeNull()
  })

  test('records built from dronestre.am narratives import with their recorded ranges', async () => {
    const lines = readFileSync(NARRATIVES, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; published: string; country: string; text: string; gold: { killed: { min: number; max: number } | null; civilians: { min: number; max: number } | null } })
    const narratives = lines.filter((l) => l.gold.killed)
    expect(narratives).toHaveLength(50)
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
