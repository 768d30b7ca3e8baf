/** @module Acceptance: every claim of the seed article is found with its listed fields, and none of its non-claims. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ClaimDraft } from '../domain/claim.js'
import { normaliseText } from '../readers/normalise-text.js'
import { extract } from './index.js'

interface Expected {
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
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/seed-expected.json', import.meta.url), 'utf8')) as {
  published: string
  claims: Expected[]
}
const text = normaliseText(readFileSync(new URL('../../test/fixtures/seed-article.txt', import.meta.url), 'utf8'))
const flat = (s: string): string => s.replace(/\s+/g, ' ')
const { claims } = extract(text, { published: fixture.published })

function matches(c: ClaimDraft, e: Expected): boolean {
  if (!flat(c.quote).includes(flat(e.quote_contains))) return false
  if (c.measure !== e.measure || c.category !== e.category || c.min !== e.min || c.max !== e.max || c.scope !== e.scope) return false
  if (e.incidents !== undefined && c.incidents !== e.incidents) return false
  if (e.actor !== undefined && c.actor !== e.actor) return false
  if (c.claimant !== e.claimant) return false
  if (e.period?.start !== undefined && c.period.start !== e.period.start) return false
  if (e.period?.end !== undefined && c.period.end !== e.period.end) return false
  return true
}

describe('seed article', () => {
  it.each(fixture.claims.map((e) => [e.quote_contains, e] as const))('finds "%s" with its fields', (_q, e) => {
    const found = claims.find((c) => matches(c, e))
    expect(found, JSON.stringify(claims.filter((c) => flat(c.quote).includes(flat(e.quote_contains))).map((c) => ({ ...c, quote: undefined })), null, 1)).toBeDefined()
  })

  it('never takes a year, a date or a decade for a figure', () => {
    for (const c of claims) for (const v of [c.min, c.max]) expect([2008, 2012, 2013, 24, 1980, 2007]).not.toContain(v)
  })

  it('counts "Two United States drone attacks" as strikes, never as a death toll', () => {
    const deaths = claims.filter((c) => c.measure !== 'strikes' && flat(c.quote).includes('Two United States drone attacks'))
    expect(deaths.map((c) => [c.min, c.max])).toEqual([[8, null]])
    const strikes = claims.filter((c) => c.measure === 'strikes' && flat(c.quote).includes('Two United States drone attacks'))
    for (const s of strikes) expect([s.min, s.max]).toEqual([2, 2])
  })

  it('reads no figure in "three-member delegation" or "third largest party"', () => {
    for (const c of claims) expect(flat(c.quote).includes('three-member') || flat(c.quote).includes('third largest')).toBe(false)
  })

  it('gives every claim a quote equal to the text at its span', () => {
    for (const c of claims) expect(text.slice(c.span.start, c.span.end)).toBe(c.quote)
  })

  it('leaves dates unresolved and says so without a publication date', () => {
    const r = extract(text)
    expect(r.notes).toContain('dates unresolved: no publication date')
    const first = r.claims.find((c) => c.measure === 'killed' && c.min === 8)
    expect(first?.period.resolved).toBe(false)
    expect(first?.period.text).toBe('Thursday and Friday')
  })
})
