/** @module A document as received: immutable, deduplicated by the SHA-256 of its bytes. */
import { asRecord, member, text } from './check.js'
import { localDate, type LocalDate } from './dates.js'
import { InvalidValue } from './errors.js'
import type { SourceId } from './ids.js'
import { SOURCE_KINDS, type SourceKind } from './values.js'

/** Media types Reckon reads. */
export const MEDIA_TYPES = ['text/plain', 'text/markdown', 'text/html', 'application/pdf', 'application/json', 'text/csv'] as const
export type MediaType = (typeof MEDIA_TYPES)[number]

/** Descriptive fields a user or importer supplies with a document. */
export interface SourceMeta {
  readonly kind: SourceKind
  readonly publisher: string | null
  readonly url: string | null
  readonly title: string | null
  readonly published: LocalDate | null
  readonly language: string | null
}

/** A stored source. `text` is the normalised text every claim span points into. */
export interface Source extends SourceMeta {
  readonly id: SourceId
  readonly sha256: string
  readonly mediaType: MediaType
  readonly filename: string | null
  readonly byteLength: number
  readonly text: string
  readonly retrievedAt: string
  /** The row's own id in the dataset it was imported from (ACLED event_id_cnty, UCDP id, TBIJ bureau_id); null for documents. */
  readonly externalId: string | null
}

/** A source as listed: everything but the text. */
export type SourceSummary = Omit<Source, 'text'> & { readonly textLength: number }

/** Validates user-supplied source metadata; missing fields default to null / kind "other". */
export function sourceMeta(input: unknown, field = 'source'): SourceMeta {
  const r = asRecord(input, field)
  const url = text(r.url, `${field}.url`, { nullable: true, max: 2000 })
  if (url !== null && !/^https?:\/\/\S+$/i.test(url)) throw new InvalidValue(`${field}.url`, 'must be an http(s) URL')
  const language = text(r.language, `${field}.language`, { nullable: true, max: 35 })
  if (language !== null && !/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language)) throw new InvalidValue(`${field}.language`, 'must be a BCP 47 tag such as "en"')
  return {
    kind: member(SOURCE_KINDS, r.kind ?? 'other', `${field}.kind`),
    publisher: text(r.publisher, `${field}.publisher`, { nullable: true, max: 300 }),
    url,
    title: text(r.title, `${field}.title`, { nullable: true, max: 1000 }),
    published: r.published === null || r.published === undefined ? null : localDate(r.published, `${field}.published`),
    language,
  }
}

/** Id of a source from its hash: the same bytes always get the same id, in any store. */
export function sourceIdFor(sha256: string): SourceId {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new InvalidValue('sha256', 'must be 64 lowercase hex digits')
  return `src_${sha256.slice(0, 24)}` as SourceId
}
