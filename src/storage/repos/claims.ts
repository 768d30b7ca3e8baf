/** @module The claims repository: casualty claims, their filters and batch walks. */
import type { Claim, ClaimDraft, ClaimEdit } from '../../domain/claim.js'
import type { ClaimId, IncidentId, SourceId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { Category, ClaimStatus, Measure, Scope } from '../../domain/values.js'
import type { Page, PageRequest } from './page.js'

/** Which claims to list; every given field must match. */
export interface ClaimFilter {
  readonly sourceId?: SourceId
  /** An incident id, or null for claims linked to no incident (same as `unlinked: true`). */
  readonly incidentId?: IncidentId | null
  /** Claims linked to any of these incidents (a page of them: up to a few thousand ids). */
  readonly incidentIds?: readonly IncidentId[]
  readonly status?: ClaimStatus | readonly ClaimStatus[]
  readonly measure?: Measure
  readonly category?: Category
  readonly scope?: Scope
  readonly unlinked?: boolean
}

/** Options for walking many claims in batches. */
export interface ClaimBatchOptions {
  /** Only claims that count (status not rejected). Default true. */
  readonly countingOnly?: boolean
  readonly scope?: Scope
  readonly measure?: Measure
  /** Claims per batch; default 1000. */
  readonly batchSize?: number
}

/** Casualty claims. Claims are never deleted: rejecting keeps them, out of every count. */
export interface ClaimRepo {
  /**
   * Stores drafts for a source, skipping any whose `claimKey` is already stored for it; returns the stored
   * claim for every draft, in draft order (existing ones as stored). Throws not_found for an unknown source.
   */
  addForSource(sourceId: SourceId, drafts: readonly ClaimDraft[], ctx: ChangeContext): Promise<Claim[]>
  get(id: ClaimId): Promise<Claim | null>
  /** Claims by id, in the order asked (each once), leaving out ids not stored: one read for a page of findings. */
  getMany(ids: readonly ClaimId[]): Promise<Claim[]>
  /** Claims matching the filter, in creation order (then id). */
  list(filter?: ClaimFilter, page?: PageRequest): Promise<Page<Claim>>
  /** Sets the review status; throws not_found. A no-op change writes no revision. */
  setStatus(id: ClaimId, status: ClaimStatus, ctx: ChangeContext): Promise<Claim>
  /** Applies a validated edit (see domain `claimEdit`); throws not_found. */
  edit(id: ClaimId, edit: ClaimEdit, ctx: ChangeContext): Promise<Claim>
  /**
   * Every matching claim, in storage order, a batch at a time, so checking a million claims never holds them all.
   * Reads a consistent-enough view: claims added while iterating may or may not appear.
   */
  batches(opts?: ClaimBatchOptions): AsyncIterable<readonly Claim[]>
}
