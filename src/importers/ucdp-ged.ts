/**
 * @module UCDP GED CSV rows → sources, claims and incidents. Column layout: FORMATS.md "UCDP GED" (the 49 columns of
 * `GEDEvent_v23_1.csv`). One killed/total claim with UCDP's low–high range (best kept in the quote), and one
 * killed/civilians point claim from `deaths_civilians`. `where_prec` and `date_prec` are kept verbatim in the period
 * text and mapped to place and date precisions.
 */
import type { DatePrecision, PlacePrecision } from '../domain/values.js'
import type { ClaimDraft } from '../domain/claim.js'
import type { Place } from '../domain/place.js'
import { lookupPlace } from '../gazetteer/index.js'
import type { ImportRecord } from '../storage/store.js'
import { readCsv } from './csv.js'
import { BadRow, coordValue, countValue, dateValue, headerIndex, rowClaim, rowProblem, rowSource, RowText, type DatasetItem } from './dataset.js'

/** The 49 columns of a UCDP GED CSV, in file order. */
export const UCDP_COLUMNS = [
  'id', 'relid', 'year', 'active_year', 'code_status', 'type_of_violence', 'conflict_dset_id', 'conflict_new_id',
  'conflict_name', 'dyad_dset_id', 'dyad_new_id', 'dyad_name', 'side_a_dset_id', 'side_a_new_id', 'side_a',
  'side_b_dset_id', 'side_b_new_id', 'side_b', 'number_of_sources', 'source_article', 'source_office', 'source_date',
  'source_headline', 'source_original', 'where_prec', 'where_coordinates', 'where_description', 'adm_1', 'adm_2',
  'latitude', 'longitude', 'geom_wkt', 'priogrid_gid', 'country', 'country_id', 'region', 'event_clarity', 'date_prec',
  'date_start', 'date_end', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'best', 'high', 'low',
  'gwnoa', 'gwnob',
] as const

/** Columns without which a row cannot become claims and an incident. */
export const UCDP_REQUIRED = ['id', 'side_a', 'where_prec', 'where_coordinates', 'adm_1', 'latitude', 'longitude', 'country', 'date_prec', 'date_start', 'date_end', 'deaths_civilians', 'best', 'high', 'low'] as const

/** UCDP as a claimant and publisher. */
export const UCDP_ORG = 'UCDP'

/** where_prec 1–7, most to least precise (UCDP GED codebook; 5–7 paraphrased in FORMATS.md). */
const WHERE_PRECISION: Record<string, PlacePrecision> = { '1': 'exact', '2': 'locality', '3': 'district', '4': 'region', '5': 'region', '6': 'country', '7': 'unknown' }
/** date_prec 1–5, from the exact day to a span longer than a month. */
const DATE_PRECISION: Record<string, DatePrecision> = { '1': 'day', '2': 'week', '3': 'week', '4': 'month', '5': 'span' }

/** The precision code a place precision came from, for export (the most precise code that maps to it). */
export const UCDP_WHERE_CODE: Record<PlacePrecision, number> = { exact: 1, locality: 2, district: 3, region: 4, country: 6, unknown: 7 }
/** The date_prec code a date precision came from, for export. */
export const UCDP_DATE_CODE: Record<DatePrecision, number> = { day: 1, week: 3, month: 4, year: 5, span: 5 }

/** The columns full-text search covers: the parties, the sources' words and the places (not codes, dates and numbers). */
export const UCDP_SEARCH_COLUMNS = ['conflict_name', 'dyad_name', 'side_a', 'side_b', 'source_article', 'source_office', 'source_headline', 'source_original', 'where_coordinates', 'where_description', 'adm_1', 'adm_2', 'country'] as const

/** Turns one UCDP GED row into an import record. Throws BadRow for values that break the layout. */
export function ucdpRecord(get: (column: string) => string, filename: string | null = null): ImportRecord {
  const id = get('id').trim()
  if (!id) throw new BadRow('id: empty')
  const start = dateValue(get('date_start'), 'date_start')
  const end = dateValue(get('date_end'), 'date_end')
  if (end < start) throw new BadRow(`date_end ${end} is before date_start ${start}`)
  const dp = get('date_prec').trim()
  const datePrecision = DATE_PRECISION[dp]
  if (!datePrecision) throw new BadRow(`date_prec: must be 1 to 5 (got ${JSON.stringify(dp)})`)
  const wp = get('where_prec').trim()
  const placePrecision = WHERE_PRECISION[wp]
  if (!placePrecision) throw new BadRow(`where_prec: must be 1 to 7 (got ${JSON.stringify(wp)})`)
  const best = countValue(get('best'), 'best')
  const low = countValue(get('low'), 'low')
  const high = countValue(get('high'), 'high')
  const civilians = countValue(get('deaths_civilians'), 'deaths_civilians')
  if (best !== null && low !== null && high !== null && !(low <= best && best <= high)) throw new BadRow(`low ≤ best ≤ high fails (${low}, ${best}, ${high})`)
  const lat = coordValue(get('latitude'), 'latitude', 90)
  const lon = coordValue(get('longitude'), 'longitude', 180)
  if ((lat === null) !== (lon === null)) throw new BadRow('latitude and longitude must both be given')

  const row = new RowText()
  for (const c of UCDP_COLUMNS) row.add(c, get(c))
  const text = row.toString()
  const countryName = get('country').replace(/\(.*\)/, '').trim()
  const place: Place = {
    name: get('where_coordinates').trim() || null,
    admin1: get('adm_1').trim() || null,
    admin2: get('adm_2').trim() || null,
    country: countryName ? (lookupPlace(countryName)?.country ?? null) : null,
    lat, lon,
    precision: placePrecision,
    // where_prec 4 and 5 both map to region (and date_prec 2 and 3 to week): the codes themselves are kept verbatim.
    precisionCode: `UCDP where_prec ${wp}`,
  }
  const period = { start, end, precision: datePrecision, text: `UCDP date_prec ${dp}`, resolved: true }
  const actor = get('side_a').trim() || null
  const common = { period, place, actor, claimant: UCDP_ORG, extractor: 'import:ucdp-ged', eventKey: id }
  const claims: ClaimDraft[] = []
  const lo = low ?? best
  // No high beside a low is an open figure (Reckon's own export writes an open high as an empty cell); a lone best is a point.
  const hi = high ?? (low !== null && best !== null ? null : best)
  if (lo !== null || hi !== null) {
    claims.push(rowClaim(row, text, { ...common, measure: 'killed', category: 'total', min: lo, max: hi, qualifier: hi === null ? 'at_least' : lo === hi ? 'exact' : 'range', from: 'best', to: 'low' }))
  }
  if (civilians !== null) {
    claims.push(rowClaim(row, text, { ...common, measure: 'killed', category: 'civilians', min: civilians, max: civilians, qualifier: 'exact', from: 'deaths_civilians' }))
  }
  return {
    source: { ...rowSource(text, { publisher: UCDP_ORG, title: `UCDP GED event ${id}: ${get('dyad_name').trim()}, ${start}`, published: null, mediaType: 'text/csv', filename, searchText: row.values(UCDP_SEARCH_COLUMNS) }), externalId: id },
    claims,
    incident: { date: period, place, actor, target: get('side_b').trim() || null, victims: [], grade: null },
    linkReason: `import:ucdp-ged event ${id}`,
    rowKey: `ucdp-ged:${id}`,
  }
}

/** Streams a UCDP GED CSV file into records and per-line problems. Throws MissingColumns for a wrong header. */
export async function* readUcdpGed(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, filename: string | null = null): AsyncGenerator<DatasetItem> {
  let idx: Map<string, number> | null = null
  let width = 0
  for await (const rec of readCsv(chunks)) {
    if (!idx) { idx = headerIndex('UCDP GED', rec.fields, UCDP_REQUIRED); width = rec.fields.length; continue }
    const f = rec.fields
    try {
      if (f.length !== width) throw new BadRow(`expected ${width} fields, found ${f.length}`)
      const map = idx
      yield { line: rec.line, record: ucdpRecord((c) => { const i = map.get(c); return i === undefined ? '' : (f[i] ?? '') }, filename) }
    } catch (e) {
      yield rowProblem(rec.line, e)
    }
  }
}
