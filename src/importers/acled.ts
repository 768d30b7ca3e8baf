/**
 * @module ACLED CSV export rows → sources, claims and incidents. Column layout: FORMATS.md "ACLED" (the 31 columns of
 * the `/acled/read` export, after the dtacled/acledR package). `fatalities` is ACLED's most conservative figure, so it
 * becomes an at-least claim (category total); precision codes are kept in the period text and the place precision.
 */
import { iso31661Alpha2ToNumeric, iso31661NumericToAlpha2 } from 'iso-3166'
import type { DatePrecision, PlacePrecision } from '../domain/values.js'
import type { Place } from '../domain/place.js'
import { lookupPlace } from '../gazetteer/index.js'
import type { ImportRecord } from '../storage/store.js'
import { readCsv } from './csv.js'
import { BadRow, coordValue, countValue, dateValue, headerIndex, rowClaim, rowProblem, rowSource, RowText, type DatasetItem } from './dataset.js'

/** The 31 columns of an ACLED export, in export order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const

/** Columns without which a row cannot become a claim and an incident. */
export const ACLED_REQUIRED = ['event_id_cnty', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'country', 'admin1', 'location', 'latitude', 'longitude', 'geo_precision', 'fatalities'] as const

/** ACLED as a claimant and publisher. */
export const ACLED_ORG = 'ACLED'

/** time_precision 1 = day, 2 = week, 3 = month (ACLED codebook). */
const TIME_PRECISION: Record<string, DatePrecision> = { '1': 'day', '2': 'week', '3': 'month' }
/** geo_precision 1 = the town, 2 = near a town or a small area, 3 = a larger region (ACLED codebook). */
const GEO_PRECISION: Record<string, PlacePrecision> = { '1': 'locality', '2': 'district', '3': 'region' }

/** ISO 3166-1 alpha-2 for ACLED's numeric `iso` column, falling back to the country's name. */
function countryCode(iso: string, country: string): string | null {
  const n = iso.trim().padStart(3, '0')
  return (iso31661NumericToAlpha2 as Record<string, string | undefined>)[n] ?? lookupPlace(country)?.country ?? null
}

/** The columns full-text search covers: who, where and the notes (not codes, dates and numbers). */
export const ACLED_SEARCH_COLUMNS = ['actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2', 'country', 'admin1', 'admin2', 'admin3', 'location', 'source', 'notes'] as const

/** Turns one ACLED row (column → value) into an import record. Throws BadRow for values that break the layout. */
export function acledRecord(get: (column: string) => string, filename: string | null = null): ImportRecord {
  const id = get('event_id_cnty').trim()
  if (!id) throw new BadRow('event_id_cnty: empty')
  const date = dateValue(get('event_date'), 'event_date')
  const tp = get('time_precision').trim()
  const datePrecision = TIME_PRECISION[tp]
  if (!datePrecision) throw new BadRow(`time_precision: must be 1, 2 or 3 (got ${JSON.stringify(tp)})`)
  const gp = get('geo_precision').trim()
  const placePrecision = GEO_PRECISION[gp]
  if (!placePrecision) throw new BadRow(`geo_precision: must be 1, 2 or 3 (got ${JSON.stringify(gp)})`)
  const fatalities = countValue(get('fatalities'), 'fatalities')
  const lat = coordValue(get('latitude'), 'latitude', 90)
  const lon = coordValue(get('longitude'), 'longitude', 180)
  if ((lat === null) !== (lon === null)) throw new BadRow('latitude and longitude must both be given')

  const row = new RowText()
  for (const c of ACLED_COLUMNS) row.add(c, get(c))
  const text = row.toString()
  const place: Place = {
    name: get('location').trim() || null,
    admin1: get('admin1').trim() || null,
    admin2: get('admin2').trim() || null,
    country: countryCode(get('iso'), get('country')),
    lat, lon,
    precision: placePrecision,
    // The codes themselves are kept verbatim beside the mapped precisions (several codes can map to one precision).
    precisionCode: `ACLED geo_precision ${gp}`,
  }
  const period = { start: date, end: date, precision: datePrecision, text: `ACLED time_precision ${tp}`, resolved: true }
  const actor = get('actor1').trim() || null
  const claims = fatalities === null ? [] : [rowClaim(row, text, {
    measure: 'killed', category: 'total', min: fatalities, max: null, qualifier: 'at_least', from: 'fatalities',
    period, place, actor, claimant: ACLED_ORG, extractor: 'import:acled', eventKey: id,
  })]
  return {
    source: { ...rowSource(text, { publisher: ACLED_ORG, title: `ACLED event ${id}: ${get('sub_event_type').trim()}, ${place.name ?? ''} ${date}`, published: date, mediaType: 'text/csv', filename, searchText: row.values(ACLED_SEARCH_COLUMNS) }), externalId: id },
    claims,
    incident: { date: period, place, actor, target: null, victims: [], grade: null },
    linkReason: `import:acled event ${id}`,
    rowKey: `acled:${id}`,
  }
}

/** Streams an ACLED CSV file into records and per-line problems. Throws MissingColumns for a wrong header. */
export async function* readAcled(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, filename: string | null = null): AsyncGenerator<DatasetItem> {
  let idx: Map<string, number> | null = null
  let width = 0
  for await (const rec of readCsv(chunks)) {
    if (!idx) { idx = headerIndex('ACLED', rec.fields, ACLED_REQUIRED); width = rec.fields.length; continue }
    const f = rec.fields
    try {
      if (f.length !== width) throw new BadRow(`expected ${width} fields, found ${f.length}`)
      const map = idx
      yield { line: rec.line, record: acledRecord((c) => { const i = map.get(c); return i === undefined ? '' : (f[i] ?? '') }, filename) }
    } catch (e) {
      yield rowProblem(rec.line, e)
    }
  }
}

/** ISO 3166-1 numeric for an alpha-2 code, as ACLED's `iso` column holds it (no leading zeros). */
export function acledIso(alpha2: string | null): string {
  const n = alpha2 ? (iso31661Alpha2ToNumeric as Record<string, string | undefined>)[alpha2] : undefined
  return n ? String(Number(n)) : ''
}
