/** @module An incident: one strike, with reconciled figures derived from its claims. */
import type { ClaimId, IncidentId } from './ids.js'
import type { Period } from './dates.js'
import type { Place } from './place.js'
import type { Category, Grade, IncidentStatus, Measure, StrikeStatus } from './values.js'

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

/** What an editor records about a strike beyond its date, place and figures (each change a revision with a reason). */
export interface IncidentNotes {
  /** How sure it is that a strike took place; null until an editor says. */
  readonly strikeStatus: StrikeStatus | null
  /** Who is said to have struck, as the record states it ("United States", "coalition"), apart from the claimed `actor`. */
  readonly belligerent: string | null
  /** A short summary of what happened, in the editor's words. */
  readonly summary: string | null
  /** The grader's reason for the civilian-harm grade. */
  readonly gradeReason: string | null
}

/** Whether an editor set an incident's place and its date (each true until an editor clears it). */
export interface IncidentEditorSet {
  readonly place: boolean
  readonly date: boolean
}

/** A stored incident. Figures are derived from linked claims, never typed in. */
export interface Incident extends IncidentNotes {
  readonly id: IncidentId
  readonly date: Period
  readonly place: Place | null
  readonly actor: string | null
  readonly target: string | null
  readonly victims: readonly string[]
  readonly grade: Grade | null
  /**
   * Which of place and date an editor set: those stay until an editor clears them. The others follow the incident's
   * claims (the most precise place and date they support without conflict) whenever claims join or leave it.
   */
  readonly setByEditor: IncidentEditorSet
  readonly status: IncidentStatus
  readonly mergedInto: IncidentId | null
  readonly figures: readonly Figure[]
  readonly links: readonly IncidentLink[]
  readonly sourceCount: number
  readonly createdAt: string
  readonly updatedAt: string
}
