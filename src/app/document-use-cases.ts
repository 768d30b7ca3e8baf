/**
 * @module The document use cases an edge serves (the API today): read an upload, extract and check a text storing
 * nothing, store and process a document, and suggest incidents for a claim. One implementation, used by `reckon serve`
 * (with a DocumentPool, so reading and extraction run on worker threads) and by tests (with their own extractor).
 */
import type { Claim, ClaimDraft } from '../domain/claim.js'
import type { LocalDate } from '../domain/dates.js'
import type { Finding } from '../domain/finding.js'
import type { ChangeContext } from '../domain/revision.js'
import type { Source } from '../domain/source.js'
import { readDocument, type ReadOptions, type ReadResult } from '../readers/read-document.js'
import type { SourceInput, Store } from '../storage/store.js'
import { extractAndCheck } from './check-document.js'
import type { DocumentPool } from './document-pool.js'
import { processSource, rulesExtractor, suggestForClaim, type Extractor, type IncidentMatch } from './process-source.js'

/** What storing a document did: the source, the claims extracted from it, and whether the bytes were new. */
export interface ProcessedSource {
  readonly source: Source
  readonly claims: readonly Claim[]
  readonly created: boolean
}

/** A text extractor with checking: drafts and the findings over them (extractAndCheck, or a test's stand-in). */
export type TextExtractor = (text: string, published: LocalDate | null) => { claims: readonly ClaimDraft[]; findings: readonly Finding[] }

/** The document use cases. */
export interface DocumentUseCases {
  /** Stores a read document, extracts and stores its claims, links them to incidents and reconciles, in one transaction. */
  processSource(store: Store, input: SourceInput, ctx: ChangeContext): Promise<ProcessedSource>
  /** Reads a document's bytes into normalised text. */
  read(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult>
  /** Extraction and consistency checking on a text, storing nothing. */
  extract(text: string, opts: { readonly published: LocalDate | null }): Promise<{ claims: readonly ClaimDraft[]; findings: readonly Finding[] }>
  /** Ranks incidents a claim might belong to, best first. */
  suggest(store: Store, claim: Claim): Promise<readonly IncidentMatch[]>
}

/** Where the work runs: on `pool`'s worker threads when given; `extractor` replaces the rules (tests). */
export interface DocumentUseCaseOptions {
  readonly pool?: DocumentPool
  readonly extractor?: TextExtractor
}

/**
 * The document use cases. With a pool, a document's claims are extracted on a worker thread before its transaction
 * opens, so no transaction waits on extraction; re-posting known bytes re-runs the pipeline, which adds nothing
 * already stored or linked.
 */
export function documentUseCases(o: DocumentUseCaseOptions = {}): DocumentUseCases {
  const { pool, extractor } = o
  const drafts: (input: SourceInput) => Promise<Extractor | undefined> = async (input) => {
    if (extractor !== undefined) return (source) => extractor(source.text, source.published).claims
    if (pool === undefined) return rulesExtractor
    const found = await pool.extract(input.text, input.published, input.filename ?? 'the document', input.publisher)
    return () => found
  }
  return {
    read: pool === undefined ? async (bytes, opts) => readDocument(bytes, opts) : (bytes, opts) => pool.read(bytes, opts),
    extract:
      extractor !== undefined
        ? async (text, { published }) => Promise.resolve(extractor(text, published))
        : pool === undefined
          ? async (text, { published }) => Promise.resolve(extractAndCheck(text, published))
          : (text, { published }) => pool.check(text, published),
    processSource: async (store, input, ctx) => {
      const extract = await drafts(input)
      return store.transaction(async (tx) => {
        const { source, created } = await tx.sources.add(input, ctx)
        const result = await processSource(tx, source, ctx, extract)
        return { source, claims: distinct(result.claims), created }
      })
    },
    suggest: suggestForClaim,
  }
}

/** Distinct claims in first-seen order: drafts sharing a claim key map to one stored claim. */
function distinct<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>()
  return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)))
}
