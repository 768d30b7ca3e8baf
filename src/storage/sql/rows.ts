/**
 * @module Row mapping for the SQL store: domain values to the rows the tables hold (column lists in insert order)
 * and rows back to domain values. Structured values (periods, places, names, figures) are stored as JSON text, with
 * the columns filters need (dates, country, actor) copied out beside them.
 */
import type { Claim, ClaimDraft } from '../../domain/claim.js'
import type { Period } from '../../domain/dates.js'
import type { Finding } from '../../domain/finding.js'
import type { ClaimId, IncidentId, SourceId, TokenId } from '../../domain/ids.js'
import type { Figure, Incident, IncidentLink } from '../../domain/incident.js'
import type { Place } from '../../domain/place.js'
import { sourceIdFor, type Source, type SourceSummary } from '../../domain/source.js'
import type { ApiToken } from '../../domain/token.js'
import { CATEGORIES, type Category, type ClaimStatus, type FindingStatus, type Grade, type Role } from '../../domain/values.js'
import type { IncidentDraft, SourceInput } from '../store.js'
import { dateSpanClass } from './date-span.js'
import { notesFromRow } from './incident-notes.js'
import type { Row, SqlValue } from './executor.js'
import { int, json, parse, str } from './sql-util.js'
import type { FigureFact } from './totals-cube.js'

/** Stands for an unbounded high figure in sort and filter columns (counts never get near it). */
export const UNBOUNDED_HIGH = 2_147_483_647

/** The columns of a source summary (everything but its text), as a SELECT list. */
export const SUMMARY_COLUMNS = 'id, sha256, kind, publisher, url, title, published, language, media_type, filename, byte_length, text_length, retrieved_at, external_id'

/** SUMMARY_COLUMNS of the sources table under an alias (`s.id, s.sha256, …`), for joins. */
export function summaryColumnsOf(alias: string): string {
  return SUMMARY_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ')
}

/** A source summary from its row. */
export function summaryFromRow(r: Row): SourceSummary {
  return {
    id: String(r.id) as SourceId,
    sha256: String(r.sha256),
    kind: String(r.kind) as Source['kind'],
    publisher: str(r.publisher),
    url: str(r.url),
    title: str(r.title),
    published: str(r.published),
    language: str(r.language),
    mediaType: String(r.media_type) as Source['mediaType'],
    filename: str(r.filename),
    byteLength: Number(r.byte_length),
    textLength: Number(r.text_length),
    retrievedAt: String(r.retrieved_at),
    externalId: str(r.external_id),
  }
}

/** A source with its text from its row. */
export function sourceFromRow(r: Row): Source {
  const { textLength: _textLength, ...summary } = summaryFromRow(r)
  return { ...summary, text: String(r.text) }
}

/** A stored finding with its review state (open when never reviewed). */
export function findingFromRow(r: Row): Finding {
  return { ...parse<Finding>(r.body), status: (str(r.status) ?? 'open') as FindingStatus, reason: str(r.reason) }
}

/** A claim from its row. */
export function claimFromRow(r: Row): Claim {
  return {
    id: String(r.id) as ClaimId,
    sourceId: String(r.source_id) as SourceId,
    measure: String(r.measure) as Claim['measure'],
    category: String(r.category) as Claim['category'],
    min: int(r.min),
    max: int(r.max),
    qualifier: String(r.qualifier) as Claim['qualifier'],
    scope: String(r.scope) as Claim['scope'],
    incidents: int(r.incidents),
    period: parse<Period>(r.period),
    place: r.place === null ? null : parse<Place>(r.place),
    actor: str(r.actor),
    claimant: str(r.claimant),
    quote: String(r.quote),
    span: { start: Number(r.span_start), end: Number(r.span_end) },
    extractor: String(r.extractor),
    eventKey: str(r.event_key),
    names: parse<string[]>(r.names),
    zero: str(r.zero) as Claim['zero'],
    status: String(r.status) as ClaimStatus,
    incidentId: str(r.incident_id) as IncidentId | null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }
}

/** The row of a new claim, in CLAIM_COLUMNS order; `link` when it joins an incident as it is stored. */
export function claimRow(id: ClaimId, sourceId: SourceId, d: ClaimDraft, at: string, link: { incidentId: string; reason: string; by: string } | null): SqlValue[] {
  return [
    id,
    sourceId,
    d.measure,
    d.category,
    d.min,
    d.max,
    d.qualifier,
    d.scope,
    d.incidents,
    d.period.start,
    d.period.end,
    json(d.period),
    d.place === null ? null : json(d.place),
    d.place?.country ?? null,
    d.actor,
    d.claimant,
    d.quote,
    d.span.start,
    d.span.end,
    d.extractor,
    d.eventKey,
    json(d.names),
    'proposed',
    link?.incidentId ?? null,
    link?.reason ?? null,
    link?.by ?? null,
    link === null ? null : at,
    at,
    at,
    d.zero ?? null,
  ]
}
/** The columns claimRow fills, in order. */
export const CLAIM_COLUMNS = [
  'id', 'source_id', 'measure', 'category', 'min', 'max', 'qualifier', 'scope', 'incidents', 'period_start', 'period_end',
  'period', 'place', 'country', 'actor', 'claimant', 'quote', 'span_start', 'span_end', 'extractor', 'event_key', 'names',
  'status', 'incident_id', 'link_reason', 'link_by', 'link_at', 'created_at', 'updated_at', 'zero',
] as const

/** The columns sourceRow fills, in order. */
export const SOURCE_COLUMNS = [
  'id', 'sha256', 'kind', 'publisher', 'url', 'title', 'published', 'language', 'media_type', 'filename', 'byte_length',
  'text', 'text_length', 'retrieved_at', 'created_at', 'external_id', 'row_key', 'incident_id', 'search_text',
] as const

/** The row of a new source, in SOURCE_COLUMNS order. */
export function sourceRow(input: SourceInput, at: string, rowKey: string | null = null, incidentId: string | null = null): SqlValue[] {
  return [
    sourceIdFor(input.sha256),
    input.sha256,
    input.kind,
    input.publisher,
    input.url,
    input.title,
    input.published,
    input.language,
    input.mediaType,
    input.filename,
    input.byteLength,
    input.text,
    input.text.length,
    input.retrievedAt ?? at,
    at,
    input.externalId ?? null,
    rowKey,
    incidentId,
    input.searchText ?? null,
  ]
}

/** The columns incidentRow fills, in order. */
export const INCIDENT_COLUMNS = [
  'id', 'date_start', 'date_end', 'date', 'place', 'country', 'actor', 'actor_lc', 'target', 'victims', 'grade', 'status',
  'merged_into', 'figures', 'killed_high', 'source_count', 'created_at', 'updated_at', 'date_last', 'categories', 'date_span',
] as const

/** The row of a new incident, in INCIDENT_COLUMNS order. */
export function incidentRow(id: string, d: IncidentDraft, figures: readonly Figure[], sourceCount: number, at: string): SqlValue[] {
  return [
    id,
    d.date.start,
    d.date.end,
    json(d.date),
    d.place === null ? null : json(d.place),
    d.place?.country ?? null,
    d.actor,
    d.actor?.toLowerCase() ?? null,
    d.target,
    json(d.victims),
    d.grade,
    'active',
    null,
    json(figures),
    killedHigh(figures),
    sourceCount,
    at,
    at,
    d.date.end ?? d.date.start,
    categoryBits(figures),
    dateSpanClass(d.date.start, d.date.end ?? d.date.start),
  ]
}

/** The columns figureRows fills, in order. */
export const FIGURE_COLUMNS = [
  'incident_id', 'measure', 'category', 'min', 'max', 'status', 'date_start', 'date_end', 'date_last', 'country', 'actor', 'actor_lc', 'grade', 'killed_high',
  'category_killed_high',
] as const

/** The incident fields every figure row carries, so totals filter figure rows without joining incidents. */
export interface FigureRowIncident {
  readonly status: string
  readonly date: Period
  readonly country: string | null
  readonly actor: string | null
  readonly grade: string | null
}

/** The derived figure rows of an incident (one per measure and category), each carrying the incident's filter columns. */
export function figureRows(id: string, figures: readonly Figure[], inc: FigureRowIncident): SqlValue[][] {
  const seen = new Set<string>()
  const rows: SqlValue[][] = []
  const high = killedHigh(figures)
  const byCategory = new Map<string, number | null>(CATEGORIES.map((c) => [c, killedHigh(figures.filter((f) => f.category === c))]))
  for (const f of figures) {
    const key = `${f.measure}|${f.category}`
    if (seen.has(key)) continue
    seen.add(key)
    rows.push([
      id, f.measure, f.category, f.min, f.max, inc.status, inc.date.start, inc.date.end, inc.date.end ?? inc.date.start, inc.country, inc.actor,
      inc.actor?.toLowerCase() ?? null, inc.grade, high, byCategory.get(f.category) ?? null,
    ])
  }
  return rows
}

/** One bit per category an incident has a figure in (bit i for CATEGORIES[i]), for the category filter. */
export function categoryBits(figures: readonly Figure[]): number {
  let bits = 0
  for (const f of figures) bits |= categoryBit(f.category)
  return bits
}

/** The bit of one category in categoryBits. */
export function categoryBit(c: Category): number {
  return 2 ** CATEGORIES.indexOf(c)
}

/** The cube fact of a row built by figureRows (columns in FIGURE_COLUMNS order). */
export function factFromFigureRow(r: readonly SqlValue[]): FigureFact {
  const [, measure, category, min, max, , dateStart, dateEnd, , country, actor] = r
  return {
    measure: String(measure),
    category: String(category),
    min: min as number | null,
    max: max as number | null,
    dateStart: dateStart as string | null,
    dateEnd: dateEnd as string | null,
    country: country as string | null,
    actor: actor as string | null,
  }
}

/** The highest killed figure an incident can reach, for sorting; null when it has no killed figure. */
export function killedHigh(figures: readonly Figure[]): number | null {
  let best: number | null = null
  for (const f of figures) if (f.measure === 'killed') best = Math.max(best ?? 0, f.max ?? UNBOUNDED_HIGH)
  return best
}

/** An incident from its row and its links. */
export function incidentFromRow(r: Row, links: readonly IncidentLink[]): Incident {
  return {
    id: String(r.id) as IncidentId,
    date: parse<Period>(r.date),
    place: r.place === null ? null : parse<Place>(r.place),
    actor: str(r.actor),
    target: str(r.target),
    victims: parse<string[]>(r.victims),
    grade: str(r.grade) as Grade | null,
    // Absent before migration 14 reads as 0: the claims set both.
    setByEditor: { place: Number(r.place_by_editor ?? 0) === 1, date: Number(r.date_by_editor ?? 0) === 1 },
    ...notesFromRow(r),
    status: String(r.status) as Incident['status'],
    mergedInto: str(r.merged_into) as IncidentId | null,
    figures: parse<Figure[]>(r.figures),
    links,
    sourceCount: Number(r.source_count),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }
}

/** An API token record from its row. */
export function tokenFromRow(r: Row): ApiToken {
  return {
    id: String(r.id) as TokenId,
    name: String(r.name),
    role: String(r.role) as Role,
    hash: String(r.hash),
    createdAt: String(r.created_at),
    revokedAt: str(r.revoked_at),
  }
}
