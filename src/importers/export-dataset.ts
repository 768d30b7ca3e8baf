/**
 * @module Writes Reckon's incidents in the ACLED or UCDP GED column layout, so data round-trips: an incident that
 * came from a row of the same format is written back from that row's stored text, column for column (re-importing
 * the export adds nothing); any other incident is written from its fields and figures.
 */
import type { Incident } from '../domain/incident.js'
import type { DatePrecision, PlacePrecision } from '../domain/values.js'
import { countryName } from '../gazetteer/index.js'
import type { Store } from '../storage/store.js'
import { ACLED_COLUMNS, acledIso } from './acled.js'
import { csvRow, type CsvWriteOptions } from './csv.js'
import { UCDP_COLUMNS, UCDP_DATE_CODE, UCDP_WHERE_CODE } from './ucdp-ged.js'

/** Formats Reckon writes. */
export const EXPORT_FORMATS = ['acled', 'ucdp-ged'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Reads a canonical row text ("column: value" lines) back into columns. */
export function parseRowText(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const i = line.indexOf(': ')
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 2))
    else if (line.endsWith(':')) out.set(line.slice(0, -1), '')
  }
  return out
}

const ACLED_TIME: Record<DatePrecision, string> = { day: '1', week: '2', month: '3', year: '3', span: '3' }
const ACLED_GEO: Record<PlacePrecision, string> = { exact: '1', locality: '1', district: '2', region: '3', country: '3', unknown: '3' }

/**
 * The stored row an incident came from, when it was imported from `format`: the latest version of the row, whose
 * claims still count (an earlier version, superseded, has only rejected claims).
 */
async function originRow(store: Store, inc: Incident, format: ExportFormat): Promise<Map<string, string> | null> {
  for (const link of [...inc.links].reverse()) {
    if (!link.reason.startsWith(`import:${format} `)) continue
    const claim = await store.claims.get(link.claimId)
    if (!claim || claim.status === 'rejected') continue
    const source = await store.sources.get(claim.sourceId)
    if (source) return parseRowText(source.text)
  }
  return null
}

/** The number in a kept precision code ("UCDP where_prec 5" → "5") when it is `format`'s code named `name`. */
export function keptCode(code: string | null | undefined, dataset: string, name: string): string | null {
  const m = new RegExp(`^${dataset} ${name} (\\d+)$`).exec(code ?? '')
  return m ? m[1]! : null
}

const fig = (inc: Incident, category: 'total' | 'civilians') => inc.figures.find((f) => f.measure === 'killed' && f.category === category)

/** The conservative number killed: the total's low, else (no total known) the largest part; null when unknown. */
function lowerBound(inc: Incident): number | null {
  const total = fig(inc, 'total')
  if (total?.min != null) return total.min
  let part: number | null = null
  for (const f of inc.figures) if (f.measure === 'killed' && f.category !== 'total' && f.min !== null) part = Math.max(part ?? 0, f.min)
  return part
}

/** One incident as an ACLED row (column values in ACLED_COLUMNS order). */
function acledRow(inc: Incident): string[] {
  const p = inc.place
  const date = inc.date.start ?? inc.date.end ?? ''
  const v: Record<string, string> = {
    event_id_cnty: `RECKON-${inc.id}`, event_date: date, year: date.slice(0, 4),
    time_precision: keptCode(inc.date.text, 'ACLED', 'time_precision') ?? ACLED_TIME[inc.date.precision ?? 'span'],
    disorder_type: 'Political violence', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
    actor1: inc.actor ?? '', actor2: inc.target ?? '', iso: acledIso(p?.country ?? null), country: p?.country ? (countryName(p.country) ?? '') : '',
    admin1: p?.admin1 ?? '', admin2: p?.admin2 ?? '', location: p?.name ?? '', latitude: p?.lat?.toString() ?? '', longitude: p?.lon?.toString() ?? '',
    geo_precision: keptCode(p?.precisionCode, 'ACLED', 'geo_precision') ?? ACLED_GEO[p?.precision ?? 'unknown'], source: 'Reckon',
    // ACLED has no place for another dataset's codes: the notes keep them, so nothing is lost on the way out.
    notes: [`Reckon incident ${inc.id}`, inc.date.text, p?.precisionCode].filter((x) => x).join('; '),
    // ACLED's fatalities is the most conservative figure: the low bound, empty when unknown (never 0).
    fatalities: lowerBound(inc)?.toString() ?? '',
  }
  return ACLED_COLUMNS.map((c) => v[c] ?? '')
}

/** One incident as a UCDP GED row (column values in UCDP_COLUMNS order). */
function ucdpRow(inc: Incident): string[] {
  const total = fig(inc, 'total')
  const civ = fig(inc, 'civilians')
  const p = inc.place
  // UCDP's best is its conservative estimate, so it takes the low bound; an unknown bound, or the high of an open
  // figure ("at least 8"), is an empty cell, never 0 and never a closed maximum no claim supports.
  const low = lowerBound(inc)?.toString() ?? ''
  const high = total?.max?.toString() ?? ''
  const v: Record<string, string> = {
    id: `RECKON-${inc.id}`, year: (inc.date.start ?? '').slice(0, 4), side_a: inc.actor ?? '', side_b: inc.target ?? '',
    where_prec: keptCode(p?.precisionCode, 'UCDP', 'where_prec') ?? String(UCDP_WHERE_CODE[p?.precision ?? 'unknown']), where_coordinates: p?.name ?? '', adm_1: p?.admin1 ?? '', adm_2: p?.admin2 ?? '',
    latitude: p?.lat?.toString() ?? '', longitude: p?.lon?.toString() ?? '', country: p?.country ? (countryName(p.country) ?? '') : '',
    date_prec: keptCode(inc.date.text, 'UCDP', 'date_prec') ?? String(UCDP_DATE_CODE[inc.date.precision ?? 'span']), date_start: inc.date.start ?? '', date_end: inc.date.end ?? inc.date.start ?? '',
    deaths_civilians: civ?.min?.toString() ?? '', best: low, low, high,
  }
  return UCDP_COLUMNS.map((c) => v[c] ?? '')
}

/**
 * Writes every active incident (by date) as CSV in `format`; returns how many rows were written. Formula-like cells
 * are neutralised unless `csv.formulas` is `raw`, which a round trip (export, then import elsewhere) needs.
 */
export async function exportDataset(
  store: Store,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
  csv: CsvWriteOptions = { formulas: 'neutralise' },
): Promise<number> {
  const columns: readonly string[] = format === 'acled' ? ACLED_COLUMNS : UCDP_COLUMNS
  await write(csvRow(columns, csv))
  let offset = 0
  let n = 0
  for (;;) {
    const page = await store.incidents.list({}, { limit: 500, offset }, 'date')
    for (const inc of page.items) {
      const origin = await originRow(store, inc, format)
      const values = origin ? columns.map((c) => origin.get(c) ?? '') : format === 'acled' ? acledRow(inc) : ucdpRow(inc)
      await write(csvRow(values, csv))
      n++
    }
    offset += page.items.length
    if (page.items.length === 0 || offset >= page.total) break
  }
  return n
}
