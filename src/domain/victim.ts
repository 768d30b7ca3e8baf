/** @module A person a report names as killed or injured, with what the text says of them, and the record kept of them. */
import type { ClaimId, IncidentId, SourceId, VictimId } from './ids.js'

/** The sexes a text may state of a named victim (by a noun such as "son" or "grandmother"). */
export const SEXES = ['male', 'female'] as const
export type Sex = (typeof SEXES)[number]

/** What happened to a named victim. */
export const FATES = ['killed', 'injured'] as const
export type Fate = (typeof FATES)[number]

/**
 * A named victim as one text gives them: the name as written, and age, sex and relation ("his grandson") only where
 * the text states them (null otherwise).
 */
export interface VictimDraft {
  readonly name: string
  readonly age: number | null
  readonly sex: Sex | null
  readonly relation: string | null
  readonly fate: Fate
}

/** What a stored victim's record says happened to them: `unknown` when neither the texts nor an editor say. */
export const VICTIM_FATES = ['killed', 'injured', 'unknown'] as const
export type VictimFate = (typeof VICTIM_FATES)[number]

/**
 * Where a victim stands in review: `found` (named by extraction, listed for review), `accepted` or `rejected` by an
 * editor. A rejected victim is kept, so a later report naming them again joins it instead of listing them anew.
 */
export const VICTIM_REVIEWS = ['found', 'accepted', 'rejected'] as const
export type VictimReview = (typeof VICTIM_REVIEWS)[number]

/**
 * A victim record's lifecycle: `removed` by an editor, or `merged` into another record of the same person (when two
 * incidents are merged); neither is deleted.
 */
export const VICTIM_STATUSES = ['active', 'removed', 'merged'] as const
export type VictimStatus = (typeof VICTIM_STATUSES)[number]

/** One report naming a victim: the source and claim, the name as that source writes it, and where it stands in the text. */
export interface VictimMention {
  readonly sourceId: SourceId
  readonly claimId: ClaimId
  readonly name: string
  readonly span: { readonly start: number; readonly end: number }
  /** The sentence of the claim that names them. */
  readonly quote: string
}

/** A named victim of one incident: one person, however many reports name them (see `victimNameKey`). */
export interface Victim {
  readonly id: VictimId
  readonly incidentId: IncidentId
  readonly name: string
  /** The name compared across reports: `victimNameKey(name)`. */
  readonly nameKey: string
  readonly age: number | null
  readonly sex: Sex | null
  readonly relation: string | null
  readonly fate: VictimFate
  readonly review: VictimReview
  readonly status: VictimStatus
  readonly mergedInto: VictimId | null
  readonly sources: readonly VictimMention[]
  readonly createdAt: string
  readonly updatedAt: string
}

/** What an editor types for a victim, or what a report says of one. */
export interface VictimFields {
  readonly name: string
  readonly age: number | null
  readonly sex: Sex | null
  readonly relation: string | null
  readonly fate: VictimFate
}
