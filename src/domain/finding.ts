/** @module Findings: what consistency checking reports about claims that cannot all hold, or hold only oddly. */
import type { Period } from './dates.js'
import type { ClaimId, FindingId } from './ids.js'
import type { Range } from './range.js'
import type { Category, FindingKind, FindingStatus, Measure } from './values.js'

/**
 * A contradiction (no assignment of figures satisfies the claims; `claims` is a smallest conflicting set)
 * or a tension (satisfiable only by implying `implied` for an uncovered part of a scope).
 */
export interface Finding {
  readonly id: FindingId
  readonly kind: FindingKind
  readonly measure: Measure
  readonly category: Category
  readonly claims: readonly ClaimId[]
  /** Distinct claimants involved, null standing for a document's own voice. */
  readonly claimants: readonly (string | null)[]
  /** One line a person can read: who says what, and why it cannot (or can only oddly) hold. */
  readonly summary: string
  /** The arithmetic, e.g. "0 < 18 + 1 = 19". */
  readonly arithmetic: string
  /** For tensions: the figure implied for the uncovered part, and where that part lies. */
  readonly implied?: { readonly range: Range; readonly period: Period | null; readonly region: string | null }
  /** An editor's review, as stored: open (unreviewed or reopened), confirmed or dismissed. Findings fresh from a check are open. */
  readonly status?: FindingStatus
  /** Why an editor confirmed or dismissed it. */
  readonly reason?: string | null
}
