/** @module The sources repository: stored documents and their full-text search. */
import type { SourceId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { MediaType, Source, SourceMeta, SourceSummary } from '../../domain/source.js'
import type { Page, PageRequest } from './page.js'

/** A document to store: its bytes' hash and facts, its normalised text, and descriptive metadata. */
export interface SourceInput extends SourceMeta {
  /** SHA-256 of the raw bytes, 64 lowercase hex digits; the source id derives from it (`sourceIdFor`). */
  readonly sha256: string
  readonly text: string
  readonly mediaType: MediaType
  readonly filename: string | null
  readonly byteLength: number
  /** When the bytes were fetched or read; defaults to now. */
  readonly retrievedAt?: string
  /** A dataset row's own id in its dataset (shown with the source); null or absent for documents. */
  readonly externalId?: string | null
  /**
   * What full-text search covers when not the whole text: a dataset row's prose (notes, names, places), not its codes
   * and numbers. Null or absent: the whole text.
   */
  readonly searchText?: string | null
}

/** A full-text search hit: the source listing plus a short highlighted excerpt (matches wrapped in «»). */
export type SourceHit = SourceSummary & { readonly snippet: string }

/** Stored documents. Immutable once stored. */
export interface SourceRepo {
  /** Stores a source, or returns the stored one with `created: false` when the same bytes are already there. */
  add(input: SourceInput, ctx: ChangeContext): Promise<{ source: Source; created: boolean }>
  /** The source with its text, or null. */
  get(id: SourceId): Promise<Source | null>
  /** Summaries (no text, which can be megabytes) of those of these sources that are stored, in no set order. */
  summaries(ids: readonly SourceId[]): Promise<SourceSummary[]>
  /** The source with these bytes, if stored (lets ingest skip re-reading a known file). */
  findBySha256(sha256: string): Promise<SourceSummary | null>
  /** Sources in the order they were stored (then id). */
  list(page?: PageRequest): Promise<Page<SourceSummary>>
  /** Full-text search over title and text (FTS5 / tsvector, English stemming); every word must match. Best first. */
  search(words: string, page?: PageRequest): Promise<Page<SourceHit>>
  count(): Promise<number>
}
