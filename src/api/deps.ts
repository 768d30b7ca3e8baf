/**
 * @module What the API needs besides the Store: the use cases from app/ (ingest, extraction, re-reconciling),
 * passed in by the entry point so the HTTP layer holds no pipeline logic of its own.
 */
import type { Claim, ClaimDraft } from '../domain/claim.js'
import type { LocalDate } from '../domain/dates.js'
import type { Finding } from '../domain/finding.js'
import type { IncidentId } from '../domain/ids.js'
import type { ChangeContext } from '../domain/revision.js'
import type { Source } from '../domain/source.js'
import type { ReadOptions, ReadResult } from '../readers/read-document.js'
import type { IncidentMatch } from '../app/process-source.js'
import type { SourceInput, Store } from '../storage/store.js'

/** What storing a document did: the source, the claims extracted from it, and whether the bytes were new. */
export interface ProcessedSource {
  readonly source: Source
  readonly claims: readonly Claim[]
  readonly created: boolean
}

/** A candidate incident for a claim, with its score and reasons (app/process-source.ts ranks them). */
export type IncidentSuggestion = IncidentMatch

/** The use cases the API calls. */
export interface ApiDeps {
  /** Stores a read document, extracts and stores its claims, links them to incidents and reconciles. */
  processSource(store: Store, input: SourceInput, ctx: ChangeContext): Promise<ProcessedSource>
  /** Reads an uploaded document's bytes into normalised text (readDocument, off the main thread in `reckon serve`). */
  read(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult>
  /** Extraction and consistency checking on a text, storing nothing. */
  extract(text: string, opts: { readonly published: LocalDate | null }): Promise<{ claims: readonly ClaimDraft[]; findings: readonly Finding[] }>
  /** Recomputes the figures of incidents whose claims changed (after accept, reject, edit, move, merge, split). */
  refreshIncidents(store: Store, ids: readonly IncidentId[]): Promise<void>
  /** Ranks incidents a claim might belong to, best first. */
  suggest(store: Store, claim: Claim): Promise<readonly IncidentSuggestion[]>
  /** Version reported by /api/health and the OpenAPI document. */
  readonly version: string
}
