/**
 * @module Matching a batch at once decides as matching one incident at a time does, also when a merge early in the
 * batch changes the candidates of incidents after it (two rows of one dataset competing for one strike of another).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../domain/dates.js'
import { ACLED_COLUMNS } from '../importers/acled.js'
import { csvRow } from '../importers/csv.js'
import { UCDP_COLUMNS } from '../importers/ucdp-ged.js'
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js'
import type { Store } from '../storage/store.js'
import { importDataset } from './import-dataset.js'
import { matchIncidents } from './match-incidents.js'

const ctx = { actor: 'test', why: 'match test' }
const line = (columns: readonly string[], v: Record<string, string>): string => csvRow(columns.map((c) => v[c] ?? ''), { formulas: 'raw' })

/**
 * Six days a week apart: on each, two ACLED rows (the same strike recorded twice by one dataset, which happens) and,
 * on the first four, one UCDP row agreeing with both. Each UCDP strike can absorb one ACLED row only.
 */
function files(): { acled: string; ucdp: string } {
  const acled = [csvRow(ACLED_COLUMNS, { formulas: 'raw' })]
  const ucdp = [csvRow(UCDP_COLUMNS, { formulas: 'raw' })]
  for (let d = 0; d < 6; d++) {
    const day = addDays('2012-03-05', 7 * d)
    for (const copy of ['a', 'b']) {
      acled.push(line(ACLED_COLUMNS, {
        event_id_cnty: `PAK${d}${copy}`, event_date: day, year: day.slice(0, 4), time_precision: '1', event_type: 'Explosions/Remote violence',
        sub_event_type: 'Air/drone strike', actor1: 'Military Forces of the United States', iso: '586', country: 'Pakistan',
        admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', location: 'Miranshah', latitude: '33.0', longitude: '70.07',
        geo_precision: '1', notes: `A drone strike near Miranshah (${copy}).`, fatalities: String(2 + d),
      }))
    }
    if (d < 4) {
      ucdp.push(line(UCDP_COLUMNS, {
        id: String(700 + d), year: day.slice(0, 4), type_of_violence: '1', side_a: 'Government of United States of America', side_b: 'TTP',
        where_prec: '1', where_coordinates: 'Miranshah', adm_1: 'Khyber Pakhtunkhwa province', adm_2: 'North Waziristan district',
        latitude: '33.0', longitude: '70.07', country: 'Pakistan', date_prec: '1', date_start: day, date_end: day,
        deaths_civilians: '0', deaths_unknown: String(2 + d), best: String(2 + d), high: String(2 + d), low: String(2 + d),
      }))
    }
  }
  return { acled: acled.join(''), ucdp: ucdp.join('') }
}

/** A SQLite file holding both files, unmatched. */
async function loadedFile(dir: string): Promise<string> {
  const path = join(dir, 'loaded.db')
  const store = openSqliteStore(path)
  try {
    const f = files()
    await importDataset(store, 'acled', Readable.from([f.acled]), { ctx })
    await importDataset(store, 'ucdp-ged', Readable.from([f.ucdp]), { ctx })
  } finally {
    await store.close()
  }
  return path
}

/** Each active incident as the sorted row ids of its sources: what matching made of the rows, whatever the incident ids. */
async function grouping(store: Store): Promise<string[][]> {
  const active = (await store.incidents.list({}, { limit: 100 })).items.map((i) => i.id)
  const sources = await store.incidents.sourcesOf(active)
  return active.map((id) => (sources.get(id) ?? []).map((s) => s.externalId ?? '').sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1))
}

describe('matchIncidents', () => {
  const open: Store[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close()
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('merges each strike of one dataset with one row of another, the same whether incidents are matched one at a time or all at once', async () => {
    // Two copies of one store, so the incidents (and their random ids, which break ties) are the same in both.
    const dir = mkdtempSync(join(tmpdir(), 'reckon-match-'))
    dirs.push(dir)
    const loaded = await loadedFile(dir)
    const results: { matched: number; grouping: string[][] }[] = []
    for (const chunk of [1, 1000]) {
      const path = join(dir, `chunk-${chunk}.db`)
      copyFileSync(loaded, path)
      const store = openSqliteStore(path)
      open.push(store)
      const ids = (await store.incidents.list({}, { limit: 100 })).items.map((i) => i.id)
      expect(ids).toHaveLength(16)
      const r = await matchIncidents(store, ids, ctx, undefined, chunk)
      expect(r.checked).toBe(16)
      results.push({ matched: r.matched.length, grouping: await grouping(store) })
    }
    const [alone, together] = results
    // Four UCDP strikes, each joined with exactly one of its day's two ACLED rows; the other rows stay alone.
    expect(alone!.matched).toBe(4)
    const joined = alone!.grouping.filter((g) => g.length > 1)
    expect(joined).toHaveLength(4)
    for (const g of joined) expect(g.filter((id) => id.startsWith('PAK'))).toHaveLength(1)
    expect(together).toEqual(alone)
  })
})
