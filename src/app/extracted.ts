/**
 * @module What extraction hands to storing: a text's claim drafts and the victims they name, and the mentions a
 * source's stored claims make of those victims (each name placed in the text).
 */
import type { Claim, ClaimDraft } from '../domain/claim.js'
import type { ExtractedVictim, ExtractionResult } from '../extraction/index.js'
import type { VictimMentionInput } from '../storage/store.js'

/** A text's claim drafts, and the named victims with the index (in `claims`) of the claim that counts each. */
export interface Extracted {
  readonly claims: readonly ClaimDraft[]
  readonly victims?: readonly ExtractedVictim[]
}

/** The part of an extraction result that is stored (its notes are for people reading `reckon extract`). */
export function extractedOf(r: ExtractionResult): Extracted {
  return { claims: r.claims, victims: r.victims }
}

/**
 * The victim mentions of a source's stored claims (`stored[i]` is the claim stored for draft i): each name placed at
 * its first occurrence inside its claim's quote, or at the whole quote when written otherwise there.
 */
export function victimMentions(text: string, stored: readonly Claim[], victims: readonly ExtractedVictim[]): VictimMentionInput[] {
  return victims.flatMap((v) => {
    const claim = stored[v.claim]
    if (claim === undefined) return []
    const at = text.indexOf(v.name, claim.span.start)
    const span = at >= 0 && at + v.name.length <= claim.span.end ? { start: at, end: at + v.name.length } : claim.span
    return [{ claimId: claim.id, name: v.name, age: v.age, sex: v.sex, relation: v.relation, fate: v.fate, span }]
  })
}
