/** @module Generated ACLED files for tests that need many distinct, valid rows (kill-and-resume tests). */
import { writeFileSync } from 'node:fs'
import { ACLED_COLUMNS } from '../../src/importers/acled.js'
import { csvLine } from '../../src/importers/csv.js'

/** Writes an ACLED CSV file of `n` distinct air/drone strike rows (event ids KILL0…), each with a killed figure. */
export function writeAcledFile(path: string, n: number): void {
  const lines = [csvLine(ACLED_COLUMNS)]
  for (let i = 0; i < n; i++) {
    const v: Record<string, string> = {
      event_id_cnty: `KILL${i}`, event_date: '2013-11-01', year: '2013', time_precision: '1', event_type: 'Explosions/Remote violence',
      sub_event_type: 'Air/drone strike', actor1: 'Military Forces of the United States', iso: '586', country: 'Pakistan',
      admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', location: 'Miranshah', latitude: '33.0', longitude: '70.07',
      geo_precision: '1', notes: `Row ${i}: a drone strike near Miranshah.`, fatalities: String(i % 9),
    }
    lines.push(csvLine(ACLED_COLUMNS.map((c) => v[c] ?? '')))
  }
  writeFileSync(path, lines.join(''))
}
