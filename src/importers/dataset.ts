/**
 * @module What every dataset importer shares: the row → record contract, the canonical row text that a source's
 * hash and every claim's quote come from, header checks and the streaming driver that turns bad rows into problems.
 */
import { createHash } from 'node:crypto'
import type { ClaimDraft } from '../domain/claim.js'
import type { Period } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import type { Place } from '../domain/place.js'
import { MAX_COUNT } from '../domain/range.js'
import type { Category, Measure, Qualifier } from '../domain/values.js'
import type { ImportRecord, SourceInput } from '../storage/store.js'
import type { MediaType } from '../domain/source.js'

/** The dataset formats Reckon reads. */
export const DATASET_FORMATS = ['acled', 'ucdp-ged', 'dronestream'] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]

/** A row that could not be imported: its line in the file and why. The import goes on without it. */
export interface ImportProblem {
  readonly line: number
  readonly message: string
}

/** One item of a parsed dataset: a record, or a problem with a row. */
export type DatasetItem = { readonly line: number; readonly record: ImportRecord } | { readonly line: number; readonly problem: ImportProblem }

/** A file's header lacks columns the format needs. Thrown before any row is read. */
export class MissingColumns extends DomainError {
  constructor(format: string, readonly missing: readonly string[]) {
    super('invalid_input', `not a ${format} file: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, { details: { format, missing } })
  }
}

/** A row whose values break the format; becomes an ImportProblem with the row's line. */
export class BadRow extends DomainError {
  constructor(message: string) {
    super('invalid_value', message)
  }
}

/**
 * The canonical text of a row: one `column: value` line per column, in the format's documented column order, line
 * breaks inside values written as spaces. It is the source's text (and its bytes are what the sha256 covers), so the
 * same row gives the same source however the file quoted it, and a changed row gives a new source.
 */
export class RowText {
  private readonly parts: string[] = []
  private readonly names: string[] = []
  private readonly starts: number[] = []
  private length = 0

  /** Appends `name: value` and remembers where it sits. */
  add(name: string, value: string | number | null | undefined): this {
    let v = value === null || value === undefined ? '' : String(value)
    // Most values have no line break; skip the regex for them (this runs 31-49 times per row).
    if (v.indexOf('\n') !== -1 || v.indexOf('\r') !== -1) v = v.replace(/\r\n|\r|\n/g, ' ')
    const lineText = name + ': ' + v
    if (this.parts.length > 0) this.length += 1
    this.names.push(name)
    this.starts.push(this.length)
    this.parts.push(lineText)
    this.length += lineText.length
    return this
  }

  /** The values of the given columns that are not empty, one a line: what full-text search covers of a row. */
  values(columns: readonly string[]): string {
    const out: string[] = []
    for (const c of columns) {
      const i = this.names.indexOf(c)
      if (i === -1) continue
      const v = this.parts[i]!.slice(c.length + 2).trim()
      if (v !== '') out.push(v)
    }
    return out.join('\n')
  }

  /** The text joined by newlines. */
  toString(): string {
    return this.parts.join('\n')
  }

  /** The span covering the lines of `first` through `last` (the same column when `last` is omitted). */
  span(first: string, last = first): { start: number; end: number } {
    const a = this.names.indexOf(first)
    const b = this.names.indexOf(last)
    if (a === -1 || b === -1) throw new Error(`no column ${first}..${last} in the row text`)
    return { start: this.starts[a]!, end: this.starts[b]! + this.parts[b]!.length }
  }
}

/** Builds the SourceInput for a row: kind dataset, the org as publisher, the sha256 of the canonical text's bytes. */
export function rowSource(text: string, meta: { publisher: string; title: string; url?: string | null; published?: string | null; mediaType: MediaType; filename?: string | null; searchText?: string | null }): SourceInput {
  const bytes = Buffer.from(text, 'utf8')
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    text,
    mediaType: meta.mediaType,
    filename: meta.filename ?? null,
    byteLength: bytes.length,
    kind: 'dataset',
    publisher: meta.publisher,
    url: meta.url ?? null,
    title: meta.title,
    published: meta.published ?? null,
    language: 'en',
    searchText: meta.searchText ?? null,
  }
}

/** The common fields of one dataset claim, quoting the row text between two columns. */
export function rowClaim(row: RowText, text: string, c: {
  measure: Measure; category: Category; min: number | null; max: number | null; qualifier: Qualifier
  from: string; to?: string; period: Period; place: Place | null; actor: string | null; claimant: string; extractor: string; eventKey: string | null
}): ClaimDraft {
  const span = row.span(c.from, c.to)
  return {
    measure: c.measure, category: c.category, min: c.min, max: c.max, qualifier: c.qualifier, scope: 'incident', incidents: 1,
    period: c.period, place: c.place, actor: c.actor, claimant: c.claimant, quote: text.slice(span.start, span.end), span,
    extractor: c.extractor, eventKey: c.eventKey, names: [],
  }
}

/** Checks a header against the columns a format needs; returns a column → index map. Throws MissingColumns. */
export function headerIndex(format: string, header: readonly string[], required: readonly string[]): Map<string, number> {
  const idx = new Map<string, number>()
  header.forEach((h, i) => { const k = h.trim().toLowerCase(); if (!idx.has(k)) idx.set(k, i) })
  const missing = required.filter((c) => !idx.has(c))
  if (missing.length > 0) throw new MissingColumns(format, missing)
  return idx
}

/** Reads a non-negative integer count; empty means unknown (null). */
export function countValue(v: string | undefined, column: string): number | null {
  const s = (v ?? '').trim()
  if (s === '') return null
  if (!/^\d+$/.test(s)) throw new BadRow(`${column}: not a whole number (${JSON.stringify(s.slice(0, 40))})`)
  const n = Number(s)
  if (n > MAX_COUNT) throw new BadRow(`${column}: ${s.slice(0, 40)} is more than ${MAX_COUNT}, not a count of people`)
  return n
}

/** Reads a coordinate in a range; empty means none. */
export function coordValue(v: string | undefined, column: string, limit: number): number | null {
  const s = (v ?? '').trim()
  if (s === '') return null
  const x = Number(s)
  if (!Number.isFinite(x) || Math.abs(x) > limit) throw new BadRow(`${column}: not a coordinate (${JSON.stringify(s.slice(0, 40))})`)
  return x
}

/** Reads a YYYY-MM-DD date (a time part after it is ignored). */
export function dateValue(v: string | undefined, column: string): string {
  const s = (v ?? '').trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(s)
  if (!m) throw new BadRow(`${column}: not a YYYY-MM-DD date (${JSON.stringify(s.slice(0, 40))})`)
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) throw new BadRow(`${column}: no such date ${s.slice(0, 10)}`)
  return s.slice(0, 10)
}

/** Turns a thrown row error into a problem; rethrows bugs (anything not a DomainError). */
export function rowProblem(line: number, e: unknown): { line: number; problem: ImportProblem } {
  if (e instanceof DomainError) return { line, problem: { line, message: e.message } }
  throw e
}
