/** @module Acceptance: every claim of the seed article is found with its listed fields, and none of its non-claims. */
import { describe, expect, it } from 'vitest'
import { normaliseText } from '../readers/normalise-text.js'
import { extract } from './index.js'
import { flat, matchesExpected, seedExpected, seedText } from '../../test/helpers/seed-fixture.js'

const fixture = seedExpected
const text = normaliseText(seedText)
const { claims } = extract(text, { published: fixture.published })


describe('seed article', () => {
  it.each(fixture.claims.map((e) => [e.quote_contains, e] as const))('finds "%s" with its fields', (_q, e) => {
    const found = claims.find((c) => matchesExpected(c, e))
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
