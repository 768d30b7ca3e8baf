/**
 * @module Generated ACLED (and UCDP GED) files for tests that need many distinct, valid rows (kill-and-resume tests),
 * optionally one strike a week, so that the rows of two datasets on one day are the same strike and no other.
 */
import { writeFileSync } from 'node:fs'
import { addDays } from '../../src/domain/dates.js'
import { ACLED_COLUMNS } from '../../src/importers/acled.js'
import { csvRow } from '../../src/importers/csv.js'

// Test files are read back by a program: cells written exactly.
const csvLine = (cells: readonly string[]): string => csvRow(cells, { formulas: 'raw' })
import { UCDP_COLUMNS } from '../../src/importers/ucdp-ged.js'

/** The day of row `i` of a weekly file: a week apart, so no two rows are within the matcher's few days of slack. */
export function weeklyDay(i: number): string {
  return addDays('1990-01-01', 7 * i)
}

/** Fatalities of row `i` (either dataset), so two files' rows of one day agree. */
const killed = (i: number): number => i % 9

/**
 * Writes an ACLED CSV file of `n` distinct air/drone strike rows (event ids KILL0…), each with a killed figure, all
 * on 2013-11-01 or, when `weekly`, row i on weeklyDay(i).
 */
export function writeAcledFile(path: string, n: number, weekly = false): void {
  const lines = [csvLine(ACLED_COLUMNS)]
  for (let i = 0; i < n; i++) {
    const day = weekly ? weeklyDay(i) : '2013-11-01'
    const v: Record<string, string> = {
      event_id_cnty: `KILL${i}`, event_date: day, year: day.slice(0, 4), time_precision: '1', event_type: 'Explosions/Remote violence',
      sub_event_type: 'Air/drone strike', actor1: 'Military Forces of the United States', iso: '586', country: 'Pakistan',
      admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', location: 'Miranshah', latitude: '33.0', longitude: '70.07',
      geo_precision: '1', notes: `Row ${i}: a drone strike near Miranshah.`, fatalities: String(killed(i)),
    }
    lines.push(csvLine(ACLED_COLUMNS.map((c) => v[c] ?? '')))
  }
  writeFileSync(path, lines.join(''))
}

/** Writes a UCDP GED CSV file of the strikes of weeklyDay(i) for each given `i`: the same strikes as those ACLED rows. */
export function writeUcdpFile(path: string, rows: readonly number[]): void {
  const lines = [csvLine(UCDP_COLUMNS)]
  for (const i of rows) {
    const day = weeklyDay(i)
    const k = String(killed(i))
    const v: Record<string, string> = {
      id: String(900000 + i), year: day.slice(0, 4), type_of_violence: '1', side_a: 'Government of United States of America', side_b: 'TTP',
      where_prec: '1', where_coordinates: 'Miranshah', adm_1: 'Khyber Pakhtunkhwa province', adm_2: 'North Waziristan district',
      latitude: '33.0', longitude: '70.07', country: 'Pakistan', date_prec: '1', date_start: day, date_end: day,
      deaths_civilians: '0', deaths_unknown: k, best: k, high: k, low: k,
    }
    lines.push(csvLine(UCDP_COLUMNS.map((c) => v[c] ?? '')))
  }
  writeFileSync(path, lines.join(''))
}
