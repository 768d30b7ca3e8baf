/**
 * @module Generated ACLED rows for the import benchmarks: row i falls on one of 5,000 days from 2008 and at one of
 * five places, so rows repeat strikes' days and places the way a real extract does. Needs the build (dist/).
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

const PLACES = [
  ['586', 'Pakistan', 'Khyber Pakhtunkhwa', 'North Waziristan', 'Miranshah', 33.0, 70.07],
  ['586', 'Pakistan', 'Khyber Pakhtunkhwa', 'South Waziristan', 'Wana', 32.3, 69.57],
  ['887', 'Yemen', 'Shabwah', 'Azzan', 'Azzan', 14.2, 47.1],
  ['706', 'Somalia', 'Lower Juba', 'Kismayo', 'Kismayo', -0.36, 42.55],
  ['4', 'Afghanistan', 'Nangarhar', 'Achin', 'Achin', 34.13, 70.7],
]

/** Writes an ACLED CSV file of rows [from, from + n) to `path`, a megabyte at a time (the generator never holds the file). */
export async function writeAcledFile(path, n, from = 0) {
  const { ACLED_COLUMNS } = await import('../dist/importers/acled.js')
  const { csvRow } = await import('../dist/importers/csv.js')
  const csvLine = (cells) => csvRow(cells, { formulas: 'raw' })
  const out = createWriteStream(path)
  let buf = csvLine(ACLED_COLUMNS)
  for (let i = from; i < from + n; i++) {
    const p = PLACES[i % PLACES.length]
    const day = new Date(Date.UTC(2008, 0, 1) + (i % 5000) * 86400000).toISOString().slice(0, 10)
    const v = {
      event_id_cnty: `GEN${i}`, event_date: day, year: day.slice(0, 4), time_precision: String(1 + (i % 3)), disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', actor1: 'Military Forces of the United States', inter1: 'External/Other forces',
      iso: p[0], region: 'Southern Asia', country: p[1], admin1: p[2], admin2: p[3], location: p[4], latitude: String(p[5]), longitude: String(p[6]),
      geo_precision: String(1 + (i % 3)), source: 'Generated', source_scale: 'National',
      notes: `On ${day}, a generated drone strike near ${p[4]}, ${p[3]}, killed ${i % 17} people, "reportedly" including militants.`,
      fatalities: String(i % 17), timestamp: '1700000000',
    }
    buf += csvLine(ACLED_COLUMNS.map((c) => v[c] ?? ''))
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain')
      buf = ''
    }
  }
  out.end(buf)
  await once(out, 'finish')
}
