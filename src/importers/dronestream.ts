/**
 * @module dronestre.am strike records (JSON, from the Bureau of Investigative Journalism's data) → sources, claims
 * and incidents. Fields as the dronestre.am API served them (FORMATS.md "TBIJ drone war"; the records in
 * the dronestream evaluation set name the source; test/fixtures/datasets/dronestream-narratives.jsonl): `number, bureau_id, country, date, town, location, lat, lon,
 * deaths, deaths_min, deaths_max, civilians, injuries, children, target, names, narrative, bij_summary_short, bij_link`.
 * Counts are strings: "3", "0-2", empty, or words such as "Unknown", which give no figure at all (never a zero).
 * `bureau_id` (the Bureau's own strike id, "B1", "YEM001") is kept as the source's external id.
 */
import type { ClaimDraft } from '../domain/claim.js'
import { DomainError } from '../domain/errors.js'
import type { Place } from '../domain/place.js'
import { MAX_COUNT } from '../domain/range.js'
import type { Category, Measure } from '../domain/values.js'
import { lookupPlace } from '../gazetteer/index.js'
import type { ImportRecord } from '../storage/store.js'
import { BadRow, dateValue, rowClaim, rowProblem, rowSource, RowText, type DatasetItem } from './dataset.js'

/** The record fields, in the order the canonical row text lists them. */
export const DRONESTREAM_FIELDS = [
  'number', 'bureau_id', 'country', 'date', 'town', 'location', 'lat', 'lon', 'deaths', 'deaths_min', 'deaths_max', 'civilians',
  'children', 'injuries', 'target', 'names', 'narrative', 'bij_summary_short', 'bij_link',
] as const

/** Fields a record must have. */
export const DRONESTREAM_REQUIRED = ['number', 'country', 'date'] as const

/** Whose figures these are: dronestre.am republished the Bureau's. */
export const DRONESTREAM_CLAIMANT = 'The Bureau of Investigative Journalism'
/** Who published the records. */
export const DRONESTREAM_PUBLISHER = 'dronestre.am'

/** Reads "3", "0-2", 3 or "" into [min, max]; null when the value says no number. */
export function countRange(v: unknown): [number, number] | null {
  // Beyond MAX_COUNT a "count" is a spreadsheet artefact, like "#VALUE!": not a count at all.
  const count = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_COUNT
  if (typeof v === 'number') return count(v) ? [v, v] : null
  if (typeof v !== 'string') return null
  const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/.exec(v)
  if (!m) return null
  const a = Number(m[1])
  const b = m[2] === undefined ? a : Number(m[2])
  if (!count(a) || !count(b)) return null
  return a <= b ? [a, b] : [b, a]
}

/** True when a count field holds something other than a count: "Unknown", "?", "#VALUE!" (empty says nothing). */
function saysNoCount(v: unknown): boolean {
  const s = asText(v).trim()
  return s !== '' && countRange(v) === null
}

/**
 * The killed range of a record: deaths_min–deaths_max, else `deaths`. A `deaths` of "Unknown" beside 0–0 means the
 * zeros are placeholders, not a count: no figure. Null when nothing in the record is a count.
 */
export function killedRange(r: Record<string, unknown>): [number, number] | null {
  const min = countRange(r.deaths_min)
  const max = countRange(r.deaths_max)
  if (min && max) {
    const range: [number, number] = [Math.min(min[0], max[0]), Math.max(min[1], max[1])]
    return range[1] === 0 && saysNoCount(r.deaths) ? null : range
  }
  return countRange(r.deaths)
}

/** Names as a list: an array of names, or one string of names joined by commas or semicolons, split either way. */
export function nameList(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.map(asText) : [asText(v)]
  return parts.flatMap((p) => p.split(/[,;]/)).map((n) => n.replace(/\s+/g, ' ').trim()).filter((n) => n !== '')
}

/** A record value as text: arrays joined by "; ", objects as JSON, missing as empty. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(asText).join('; ')
  if (typeof v === 'object') return JSON.stringify(v)
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : ''
}

/** The fields full-text search covers: places, target, names and the narrative (not counts and coordinates). */
export const DRONESTREAM_SEARCH_FIELDS = ['country', 'town', 'location', 'target', 'names', 'narrative', 'bij_summary_short'] as const

/** Turns one dronestre.am record into an import record. Throws BadRow for a record that breaks the layout. */
export function dronestreamRecord(r: Record<string, unknown>, filename: string | null = null): ImportRecord {
  const missing = DRONESTREAM_REQUIRED.filter((f) => r[f] === undefined)
  if (missing.length > 0) throw new BadRow(`missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  const number = asText(r.number).trim()
  if (number === '') throw new BadRow('number: empty')
  const bureauId = asText(r.bureau_id).trim() || null
  const date = dateValue(asText(r.date), 'date')
  const killed = killedRange(r)
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
  const claims: ClaimDraft[] = []
  if (killed) claims.push(countRange(r.deaths_min) && countRange(r.deaths_max) ? claim('killed', 'total', killed, 'deaths_min', 'deaths_max') : claim('killed', 'total', killed, 'deaths'))
  const civ = countRange(r.civilians)
  if (civ) claims.push(claim('killed', 'civilians', civ, 'civilians'))
  const children = countRange(r.children)
  if (children) claims.push(claim('killed', 'children', children, 'children'))
  const injured = countRange(r.injuries)
  if (injured) claims.push(claim('injured', 'total', injured, 'injuries'))
  const title = `dronestre.am strike ${number}${bureauId ? ` (TBIJ ${bureauId})` : ''}, ${place.name ?? asText(r.country)} ${date}`
  return {
    source: {
      ...rowSource(text, { publisher: DRONESTREAM_PUBLISHER, title, url: /^https?:\/\/\S+$/.test(asText(r.bij_link)) ? asText(r.bij_link) : null, published: null, mediaType: 'application/json', filename, searchText: row.values(DRONESTREAM_SEARCH_FIELDS) }),
      externalId: bureauId ?? `dronestream ${number}`,
    },
    claims,
    incident: { date: period, place, actor, target: asText(r.target).trim() || null, victims: nameList(r.names), grade: null },
    linkReason: `import:dronestream strike ${number}${bureauId ? ` (TBIJ ${bureauId})` : ''}`,
    rowKey: `dronestream:${number}`,
  }
}

/** Where one record of a JSON text lies, and the line it starts on. */
export interface JsonRecordSpan {
  readonly start: number
  readonly end: number
  readonly line: number
}

/**
 * Finds the records of a JSON text without parsing it whole: the elements of a top-level array, or of the array under
 * a top-level object's `strike` key (the dronestre.am API's shape), each with the line it starts on. One broken record
 * then becomes one problem on its own line instead of spoiling the file. Null when the text holds no such array.
 */
export function jsonRecordSpans(text: string): JsonRecordSpan[] | null {
  const spans: JsonRecordSpan[] = []
  let depth = 0
  let line = 1
  let inString = false
  let escaped = false
  let stringStart = 0
  let rootObject = false
  // In the root object: the last string read (a key once a colon follows) and the key whose value comes next.
  let lastString = ''
  let key = ''
  // The depth inside the records' array: -1 until found, -2 once closed.
  let container = -1
  let open: { start: number; line: number } | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) line++
    if (inString) {
      // JSON strings never hold a raw line break: one here means the string was never closed, and the record is
      // broken. Ending the string at the line keeps the next records whole.
      if (c === 10) inString = false
      else if (escaped) escaped = false
      else if (c === 92) escaped = true
      else if (c === 34) {
        inString = false
        lastString = text.slice(stringStart, i)
      }
      continue
    }
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue
    if (depth === container && open === null && c !== 44 && c !== 93) open = { start: i, line }
    if (c === 34) {
      inString = true
      stringStart = i + 1
    } else if (c === 123 || c === 91) {
      if (depth === 0 && c === 123) rootObject = true
      depth++
      if (container === -1 && c === 91 && (depth === 1 || (rootObject && depth === 2 && key === 'strike'))) container = depth
    } else if (c === 125 || c === 93) {
      if (depth === container && c === 93) {
        if (open !== null) spans.push({ start: open.start, end: i, line: open.line })
        open = null
        container = -2
      }
      depth--
    } else if (depth === container && c === 44) {
      if (open !== null) spans.push({ start: open.start, end: i, line: open.line })
      open = null
    } else if (rootObject && depth === 1) {
      if (c === 58) key = lastString
      else if (c === 44) key = ''
    }
  }
  // An array cut off before its end: what is left is one more (broken) record.
  if (open !== null) spans.push({ start: open.start, end: text.length, line: open.line })
  return container === -1 ? null : spans
}

/**
 * Reads dronestre.am data: a JSON array of strikes, the API's `{ "strike": [...] }`, or JSON Lines. Problems carry the
 * line the record starts on, and for an array also its position ("record 3").
 */
export async function* readDronestream(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, filename: string | null = null): AsyncGenerator<DatasetItem> {
  const decoder = new TextDecoder('utf-8')
  let all = ''
  for await (const c of chunks) all += typeof c === 'string' ? c : decoder.decode(c, { stream: true })
  all += decoder.decode()
  all = all.replace(/^\uFEFF/, '')
  const trimmed = all.trimStart()
  const items: { line: number; text: string; label: string }[] = []
  const wholeJson = trimmed.startsWith('[') || (trimmed.startsWith('{') && !/\}\s*\n\s*\{/.test(trimmed))
  const spans = wholeJson ? jsonRecordSpans(all) : null
  if (spans) spans.forEach((sp, i) => items.push({ line: sp.line, text: all.slice(sp.start, sp.end), label: `record ${i + 1}: ` }))
  else if (wholeJson) items.push({ line: all.slice(0, all.length - trimmed.length).split('\n').length, text: all, label: '' })
  else all.split(/\r?\n/).forEach((l, i) => { if (l.trim() !== '') items.push({ line: i + 1, text: l, label: '' }) })
  for (const it of items) {
    let item: DatasetItem
    try {
      let value: unknown
      try {
        value = JSON.parse(it.text)
      } catch {
        throw new BadRow('not valid JSON')
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRow('not a strike record (a JSON object)')
      item = { line: it.line, record: dronestreamRecord(value as Record<string, unknown>, filename) }
    } catch (e) {
      item = rowProblem(it.line, e instanceof DomainError && it.label !== '' ? new BadRow(`${it.label}${e.message}`) : e)
    }
    yield item
  }
}
