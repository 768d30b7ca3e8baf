/** @module Builders the Store contract (and other storage tests) make their inputs with. */
import { createHash } from 'node:crypto'
import type { ClaimDraft } from '../../domain/claim.js'
import type { Finding } from '../../domain/finding.js'
import type { ClaimId, FindingId } from '../../domain/ids.js'
import type { Figure } from '../../domain/incident.js'
import type { IncidentDraft, SourceInput } from '../store.js'

/** Who and why for the contract's changes. */
export const ctx = { actor: 'test', why: 'contract' }

/** A source input for `text`, hashed as if its bytes were the UTF-8 text. */
export function sourceInput(text: string, over: Partial<SourceInput> = {}): SourceInput {
  const sha256 = createHash('sha256').update(text).digest('hex')
  return {
    sha256,
    text,
    mediaType: 'text/plain',
    filename: null,
    byteLength: Buffer.byteLength(text),
    kind: 'news',
    publisher: null,
    url: null,
    title: null,
    published: null,
    language: 'en',
    ...over,
  }
}

/** A claim draft quoting `text` at `start`, with overrides. */
export function draft(text: string, start: number, end: number, over: Partial<ClaimDraft> = {}): ClaimDraft {
  return {
    measure: 'killed',
    category: 'total',
    min: 5,
    max: 5,
    qualifier: 'exact',
    scope: 'incident',
    incidents: null,
    period: { start: '2013-11-01', end: '2013-11-01', precision: 'day' },
    place: null,
    actor: null,
    claimant: null,
    quote: text.slice(start, end),
    span: { start, end },
    extractor: 'rules@1.0.0',
    eventKey: null,
    names: [],
    ...over,
  }
}

/** Period lengths in days on both sides of span class boundaries (see sql/date-span.ts), for tests of the candidate query. */
export const SPAN_LENGTHS: readonly number[] = [0, 1, 2, 7, 8, 30, 63, 64, 365, 511, 512, 4095, 4096, 20000, 32767, 32768, 40000]

/** An incident draft on `date` in `country`. */
export function incidentDraft(date: string, country: string | null = 'PK', over: Partial<IncidentDraft> = {}): IncidentDraft {
  return {
    date: { start: date, end: date, precision: 'day' },
    place: country === null ? null : { name: null, admin1: null, country, lat: null, lon: null, precision: 'country' },
    actor: 'United States',
    target: null,
    victims: [],
    grade: null,
    ...over,
  }
}

/** A reconciled figure with no claims behind it. */
export function figure(category: Figure['category'], min: number | null, max: number | null, measure: Figure['measure'] = 'killed'): Figure {
  return { measure, category, min, max, lowClaims: [], highClaims: [], claims: [], sources: 1 }
}

/** A contradiction between `claims`, with the given id. */
export function finding(id: string, claims: string[]): Finding {
  return { id: id as FindingId, kind: 'contradiction', measure: 'killed', category: 'civilians', claims: claims as ClaimId[], claimants: [null], summary: 's', arithmetic: '0 < 19' }
}

