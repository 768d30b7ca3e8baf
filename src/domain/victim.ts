/** @module A person a report names as killed or injured, with what the text says of them. */

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
