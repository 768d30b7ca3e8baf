/**
 * @module dronestre.am strike records (JSON, from the Bureau of Investigative Journalism's data) → sources, claims
 * and incidents. Fields as the dronestre.am API served them (FORMATS.md "TBIJ drone war"; the records in
 * ../shared/eval/dronestream-dev.jsonl name the source): `number, country, date, town, location, lat, lon, deaths,
 * deaths_min, deaths_max, civilians, injuries, children, target, names, narrative, bij_summary_short, bij_link`.
 * Counts such as civilians are strings: "3", "0-2", or empty when unknown.
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { Place } from '../domain/place.js'
import type { Category, Measure } from '../domain/values.js'
import { lookupPlace } from '../gazetteer/index.js'
import type { ImportRecord } from '../storage/store.js'
import { BadRow, dateValue, rowClaim, rowProblem, rowSource, RowText, type DatasetItem } from './dataset.js'

/** The record fields, in the order the canonical row text lists them. */
export const DRONESTREAM_FIELDS = [
  'number', 'country', 'date', 'town', 'location', 'lat', 'lon', 'deaths', 'deaths_min', 'deaths_max', 'civilians',
  'children', 'injuries', 'target', 'names', 'narrative', 'bij_summary_short', 'bij_link',
] as const

/** Fields a record must have. */
export const DRONESTREAM_REQUIRED = ['number', 'country', 'date', 'deaths_min', 'deaths_max'] as const

/** Whose figures these are: dronestre.am republished the Bureau's. */
export const DRONESTREAM_CLAIMANT = 'The Bureau of Investigative Journalism'
/** Who published the records. */
export const DRONESTREAM_PUBLISHER = 'dronestre.am'

/** Reads "3", "0-2", 3 or "" into [min, max]; null when the value says no number. */
export function countRange(v: unknown): [number, number] | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? [v, v] : null
  if (typeof v !== 'string') return null
  const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/.exec(v)
  if (!m) return null
  const a = Number(m[1])
  const b = m[2] === undefined ? a : Number(m[2])
  return a <= b ? [a, b] : [b, a]
}

/** A record value as text: arrays joined by "; ", objects as JSON, missing as empty. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(asText).join('; ')
  if (typeof v === 'object') return JSON.stringify(v)
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : ''
}

/** Turns one dronestre.am record into an import record. Throws BadRow for a record that breaks the layout. */
export function dronestreamRecord(r: Record<string, unknown>, filename: string | null = null): ImportRecord {
  const missing = DRONESTREAM_REQUIRED.filter((f) => r[f] === undefined)
  if (missing.length > 0) throw new BadRow(`missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  const number = asText(r.number).trim()
  const date = dateValue(asText(r.date), 'date')
  const killed = countRange(`${asText(r.deaths_min)}-${asText(r.deaths_max)}`) ?? countRange(r.deaths)
  if (!killed) throw new BadRow(`deaths_min/deaths_max: not counts (${JSON.stringify(asText(r.deaths_min))}, ${JSON.stringify(asText(r.deaths_max))})`)
  const lat = r.lat === undefined || r.lat === '' || r.lat === null ? null : Number(r.lat)
  const lon = r.lon === undefined || r.lon === '' || r.lon === null ? null : Number(r.lon)
  const coords = lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180

  const row = new RowText()
  for (const f of DRONESTREAM_FIELDS) row.add(f, asText(r[f]))
  const text = row.toString()
  const country = lookupPlace(asText(r.country))?.country ?? null
  const location = asText(r.location).trim()
  const region = location && country ? lookupPlace(location, country) : null
  const town = asText(r.town).trim()
  const place: Place = {
    name: town || location || null,
    admin1: region?.precision === 'region' ? region.name : (location || null),
    admin2: null,
    country,
    lat: coords ? lat : null,
    lon: coords ? lon : null,
    precision: town ? 'locality' : location ? 'region' : country ? 'country' : 'unknown',
  }
  const period = { start: date, end: date, precision: 'day' as const }
  const actor = 'United States'
  const common = { period, place, actor, claimant: DRONESTREAM_CLAIMANT, extractor: 'import:dronestream', eventKey: `dronestream-${number}` }
  const claim = (measure: Measure, category: Category, range: [number, number], from: string, to?: string): ClaimDraft =>
    rowClaim(row, text, { ...common, measure, category, min: range[0], max: range[1], qualifier: range[0] === range[1] ? 'exact' : 'range', from, ...(to ? { to } : {}) })
  const claims: ClaimDraft[] = [claim('killed', 'total', killed, 'deaths_min', 'deaths_max')]
  const civ = countRange(r.civilians)
  if (civ) claims.push(claim('killed', 'civilians', civ, 'civilians'))
  const children = countRange(r.children)
  if (children) claims.push(claim('killed', 'children', children, 'children'))
  const injured = countRange(r.injuries)
  if (injured) claims.push(claim('injured', 'total', injured, 'injuries'))
  return {
    source: rowSource(text, { publisher: DRONESTREAM_PUBLISHER, title: `dronestre.am strike ${number}, ${place.name ?? asText(r.country)} ${date}`, url: /^https?:\/\/\S+$/.test(asText(r.bij_link)) ? asText(r.bij_link) : null, published: null, mediaType: 'application/json', filename }),
    claims,
    incident: { date: period, place, actor, target: asText(r.target).trim() || null, victims: Array.isArray(r.names) ? r.names.map(asText).filter(Boolean) : [], grade: null },
    linkReason: `import:dronestream strike ${number}`,
  }
}

/**
 * Reads dronestre.am data: a JSON array of strikes, the API's `{ "strike": [...] }`, or JSON Lines. Problems carry the
 * record's line (JSON Lines) or its 1-based position in the array.
 */
export async function* readDronestream(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, filename: string | null = null): AsyncGenerator<DatasetItem> {
  const decoder = new TextDecoder('utf-8')
  let all = ''
  for await (const c of chunks) all += typeof c === 'string' ? c : decoder.decode(c, { stream: true })
  all += decoder.decode()
  all = all.replace(/^\uFEFF/, '')
  let list: unknown[] | null = null
  const trimmed = all.trimStart()
  if (trimmed.startsWith('[') || trimmed.startsWith('{') && !/\}\s*\n\s*\{/.test(trimmed)) {
    try {
      const parsed: unknown = JSON.parse(all)
      list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && Array.isArray((parsed as { strike?: unknown }).strike) ? (parsed as { strike: unknown[] }).strike : [parsed]
    } catch { list = null }
  }
  const items: { line: number; value: unknown; error?: string }[] = []
  if (list) list.forEach((value, i) => items.push({ line: i + 1, value }))
  else {
    all.split(/\r?\n/).forEach((l, i) => {
      if (l.trim() === '') return
      try { items.push({ line: i + 1, value: JSON.parse(l) }) } catch { items.push({ line: i + 1, value: null, error: 'not valid JSON' }) }
    })
  }
  for (const it of items) {
    try {
      if (it.error) throw new BadRow(it.error)
      if (!it.value || typeof it.value !== 'object' || Array.isArray(it.value)) throw new BadRow('not a strike record (a JSON object)')
      yield { line: it.line, record: dronestreamRecord(it.value as Record<string, unknown>, filename) }
    } catch (e) {
      yield rowProblem(it.line, e)
    }
  }
}
