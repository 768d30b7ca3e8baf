/** @module The acceptance article and what must be found in it (test/fixtures/seed-*), with the one rule for matching a claim. */
import { readFileSync } from 'node:fs'

/** One claim seed-expected.json requires: the fields that must match; absent optional fields are not checked. */
export interface ExpectedClaim {
  quote_contains: string
  measure: string
  category: string
  min: number | null
  max: number | null
  scope: string
  incidents?: number
  actor?: string | null
  claimant: string | null
  period?: { start?: string; end?: string }
}

/** The seed article as shipped (not normalised). */
export const seedText = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8')
/** seed-expected.json. */
export const seedExpected = JSON.parse(readFileSync(new URL('../fixtures/seed-expected.json', import.meta.url), 'utf8')) as { published: string; claims: ExpectedClaim[] }

/** Whitespace folded, since quotes keep the article's line breaks. */
export const flat = (s: string): string => s.replace(/\s+/g, ' ')

/** The fields of a claim (draft, stored or as JSON) that an expectation checks. */
export interface ClaimLike {
  quote: string
  measure: string
  category: string
  min: number | null
  max: number | null
  scope: string
  incidents: number | null
  actor: string | null
  claimant: string | null
  period: { start: string | null; end: string | null }
}

/** True when claim `c` has every field expectation `e` lists. */
export function matchesExpected(c: ClaimLike, e: ExpectedClaim): boolean {
  if (!flat(c.quote).includes(flat(e.quote_contains))) return false
  if (c.measure !== e.measure || c.category !== e.category || c.min !== e.min || c.max !== e.max || c.scope !== e.scope || c.claimant !== e.claimant) return false
  if (e.incidents !== undefined && c.incidents !== e.incidents) return false
  if (e.actor !== undefined && c.actor !== e.actor) return false
  if (e.period?.start !== undefined && c.period.start !== e.period.start) return false
  return e.period?.end === undefined || c.period.end === e.period.end
}
