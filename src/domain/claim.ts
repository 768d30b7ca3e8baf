/** @module A claim: one statement of a figure inside a source, with who asserts it and its exact quote. */
import { asRecord, count, member, strings, text } from './check.js'
import { period, type Period } from './dates.js'
import { InvalidValue } from './errors.js'
import type { ClaimId, IncidentId, SourceId } from './ids.js'
import { place, type Place } from './place.js'
import { range } from './range.js'
import {
  CATEGORIES,
  MEASURES,
  QUALIFIERS,
  SCOPES,
  type Category,
  type ClaimStatus,
  type Measure,
  type Qualifier,
  type Scope,
  type ZeroKind,
  ZERO_KINDS,
} from './values.js'

/** Character offsets `[start, end)` into a source's normalised text (UTF-16 code units, as JavaScript strings index). */
export interface Span {
  readonly start: number
  readonly end: number
}

/**
 * What extraction (or a person) proposes: everything a claim says, before it is stored.
 * `eventKey` groups claims of one source that describe the same strike; `names` holds the named people,
 * targets and villages near the figure, which linking uses to tell strikes apart.
 */
export interface ClaimDraft {
  readonly measure: Measure
  readonly category: Category
  readonly min: number | null
  readonly max: number | null
  readonly qualifier: Qualifier
  readonly scope: Scope
  /** How many strikes the figure covers, when the text says ("two attacks ... killed 19"). */
  readonly incidents: number | null
  readonly period: Period
  readonly place: Place | null
  /** Who struck ("United States"), when the text says. */
  readonly actor: string | null
  /** Who asserts the figure; null is the document's own voice. */
  readonly claimant: string | null
  readonly quote: string
  readonly span: Span
  /** Rule set and version ("rules@1.0.0"), an importer ("import:acled"), or a person ("person:NAME"). */
  readonly extractor: string
  readonly eventKey: string | null
  readonly names: readonly string[]
  /** For a claim of 0: whether the text says so (`explicit`) or the claimant's whole account implies it; else null. */
  readonly zero?: ZeroKind | null
}

/** A stored claim. Rejected claims are kept (nothing is deleted) but never count. */
export interface Claim extends ClaimDraft {
  readonly id: ClaimId
  readonly sourceId: SourceId
  readonly status: ClaimStatus
  readonly incidentId: IncidentId | null
  readonly createdAt: string
  readonly updatedAt: string
}

/** Fields a reviewer may change on a stored claim. */
export const EDITABLE_CLAIM_FIELDS = ['measure', 'category', 'min', 'max', 'qualifier', 'scope', 'incidents', 'period', 'place', 'actor', 'claimant'] as const
export type ClaimEdit = Partial<Pick<ClaimDraft, (typeof EDITABLE_CLAIM_FIELDS)[number]>>

/**
 * Validates a claim draft; throws InvalidValue naming the first bad field.
 * When `sourceText` is given, the quote must equal the text at its span.
 */
export function claimDraft(input: unknown, sourceText?: string, field = 'claim'): ClaimDraft {
  const r = asRecord(input, field)
  const measure = member(MEASURES, r.measure, `${field}.measure`)
  const category = member(CATEGORIES, r.category, `${field}.category`)
  const min = count(r.min, `${field}.min`, { nullable: true })
  const max = count(r.max, `${field}.max`, { nullable: true })
  range(min, max, field)
  const spanIn = asRecord(r.span, `${field}.span`)
  const start = count(spanIn.start, `${field}.span.start`)
  const end = count(spanIn.end, `${field}.span.end`)
  if (end < start) throw new InvalidValue(`${field}.span.end`, `${end} is before start ${start}`)
  const quote = text(r.quote, `${field}.quote`, { max: 10_000 })
  if (quote.length !== end - start) throw new InvalidValue(`${field}.quote`, `length ${quote.length} does not match span ${start}-${end}`)
  if (sourceText !== undefined) {
    if (end > sourceText.length) throw new InvalidValue(`${field}.span.end`, `${end} is past the end of the text (${sourceText.length})`)
    if (sourceText.slice(start, end) !== quote) throw new InvalidValue(`${field}.quote`, 'differs from the source text at its span')
  }
  const periodIn = r.period === undefined || r.period === null ? { start: null, end: null } : asRecord(r.period, `${field}.period`)
  return {
    measure,
    category,
    min,
    max,
    qualifier: member(QUALIFIERS, r.qualifier ?? 'exact', `${field}.qualifier`),
    scope: member(SCOPES, r.scope ?? 'incident', `${field}.scope`),
    incidents: count(r.incidents, `${field}.incidents`, { nullable: true }),
    period: period(periodIn as unknown as Parameters<typeof period>[0], `${field}.period`),
    place: r.place === undefined || r.place === null ? null : place(r.place, `${field}.place`),
    actor: text(r.actor, `${field}.actor`, { nullable: true, max: 300 }),
    claimant: text(r.claimant, `${field}.claimant`, { nullable: true, max: 300 }),
    quote,
    span: { start, end },
    extractor: text(r.extractor ?? 'person:unknown', `${field}.extractor`, { max: 200, nonEmpty: true }),
    eventKey: text(r.eventKey, `${field}.eventKey`, { nullable: true, max: 200 }),
    names: strings(r.names, `${field}.names`),
    zero: zeroOf(r.zero, min, max, `${field}.zero`),
  }
}

/** A zero marker only on a claim of exactly 0: a marker on any other figure would say something untrue. */
function zeroOf(v: unknown, min: number | null, max: number | null, field: string): ZeroKind | null {
  if (v === undefined || v === null) return null
  const kind = member(ZERO_KINDS, v, field)
  if (min !== 0 || max !== 0) throw new InvalidValue(field, `marks a claim of 0, not ${min ?? '?'}–${max ?? '?'}`)
  return kind
}

/** Validates a reviewer's edit, re-checking min ≤ max against the values it leaves in place. */
export function claimEdit(input: unknown, current: ClaimDraft, field = 'edit'): ClaimEdit {
  const r = asRecord(input, field)
  for (const k of Object.keys(r)) {
    if (!(EDITABLE_CLAIM_FIELDS as readonly string[]).includes(k)) throw new InvalidValue(`${field}.${k}`, 'is not an editable field')
  }
  const merged = claimDraft({ ...current, ...r }, undefined, field)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(r)) out[k] = merged[k as keyof ClaimDraft]
  return out
}

/** The fields that make a claim's natural key. */
export type ClaimKeyFields = Pick<ClaimDraft, 'span' | 'measure' | 'category' | 'extractor' | 'min' | 'max' | 'scope'>

/**
 * The natural key of a claim inside its source: re-extracting the same text yields the same key. The figure and
 * scope are part of it because one quoted sentence can hold several figures of one category ("18 labourers were
 * killed while in the other a grandmother was killed"). The key is fixed when a claim is first stored, so a
 * reviewer's later edit of its figure does not make a re-extraction add it again.
 */
export function claimKey(sourceId: SourceId, d: ClaimKeyFields): string {
  const family = d.extractor.split('@')[0] ?? d.extractor
  return `${sourceId}|${family}|${d.span.start}|${d.span.end}|${d.measure}|${d.category}|${d.min ?? '-'}|${d.max ?? '-'}|${d.scope}`
}

/** True when the claim counts in figures and checks. */
export const counts = (c: Pick<Claim, 'status'>): boolean => c.status !== 'rejected'
