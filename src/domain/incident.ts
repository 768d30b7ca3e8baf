/** @module An incident: one strike, with reconciled figures derived from its claims. */
import type { ClaimId, IncidentId } from './ids.js'
import type { Period } from './dates.js'
import type { Place } from './place.js'
import type { Category, Grade, IncidentStatus, Measure } from './values.js'

/**
 * A reconciled figure for one (measure, category): [lowest credible low, highest credible high],
 * with the claims that set each bound and all claims considered.
 */
export interface Figure {
  readonly measure: Measure
  readonly category: Category
  readonly min: number | null
  readonly max: number | null
  readonly lowClaims: readonly ClaimId[]
  readonly highClaims: readonly ClaimId[]
  readonly claims: readonly ClaimId[]
  /** Independent sources behind the figure (distinct publishers, or sources when no publisher is known). */
  readonly sources: number
}

/** Why a claim sits in an incident: the linker's explanation or a person's move. */
export interface IncidentLink {
  readonly claimId: ClaimId
  readonly reason: string
  readonly by: string
  readonly at: string
}

/** A stored incident. Figures are derived from linked claims, never typed in. */
export interface Incident {
  readonly id: IncidentId
  readonly date: Period
  readonly place: Place | null
  readonly actor: string | null
  readonly target: string | null
  readonly victims: readonly string[]
  readonly grade: Grade | null
  readonly status: IncidentStatus
  readonly mergedInto: IncidentId | null
  readonly figures: readonly Figure[]
  readonly links: readonly IncidentLink[]
  readonly sourceCount: number
  readonly createdAt: string
  readonly updatedAt: string
}
