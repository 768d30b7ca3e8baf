/**
 * @module "Ten were killed at once and another five died in hospital": a figure counted on top of another of the
 * same claimant, sentence, measure and category gives that claimant's toll as their sum.
 */
import type { ExtractedClaim } from './extract.js'

const overlap = (a: ExtractedClaim, b: ExtractedClaim): boolean => a.span.start < b.span.end && b.span.start < a.span.end

/**
 * The claims with each `additional` figure that adds to an earlier one of its sentence (same measure, category,
 * claimant and strike) made their sum, and the earlier one marked a part of it; same length and order as `claims`,
 * so indexes into them stay valid.
 */
export function withAdditionalSums(claims: readonly ExtractedClaim[]): ExtractedClaim[] {
  const out = [...claims]
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!
    if (c.part !== 'additional' || c.min === null) continue
    for (let j = i - 1; j >= 0; j--) {
      const b = out[j]!
      if (!overlap(b, c)) break
      if (b.part !== undefined || b.min === null || b.measure !== c.measure || b.category !== c.category || b.claimant !== c.claimant || b.eventKey !== c.eventKey) continue
      const min = b.min + c.min
      const max = b.max === null || c.max === null ? null : b.max + c.max
      const { part: _, ...sum } = c
      out[i] = { ...sum, min, max, qualifier: max === null ? 'at_least' : min === max ? 'exact' : 'range' }
      // The first figure is now a part of the sum: totals leave it out, as they leave out "including three children".
      out[j] = { ...b, part: 'subset' }
      break
    }
  }
  return out
}
