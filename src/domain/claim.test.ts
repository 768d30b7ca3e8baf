import { describe, expect, it } from 'vitest'
import { claimDraft, claimEdit } from './claim.js'
import { place } from './place.js'
import { sourceMeta } from './source.js'

const text = 'Two drone attacks killed at least eight people.'
const good = {
  measure: 'killed',
  category: 'total',
  min: 8,
  max: null,
  qualifier: 'at_least',
  scope: 'incident',
  incidents: 2,
  period: { start: '2013-10-31', end: '2013-11-01', precision: 'day' },
  quote: 'killed at least eight people',
  span: { start: 18, end: 46 },
  extractor: 'rules@1',
}

describe('claimDraft', () => {
  it('accepts a valid draft and checks its quote against the text', () => {
    const c = claimDraft(good, text)
    expect(c.min).toBe(8)
    expect(c.names).toEqual([])
  })

  it.each([
    [{ min: 9, max: 3 }, 'claim: min 9 is greater than max 3'],
    [{ min: -2 }, 'claim.min: must not be negative'],
    [{ max: 3_000_000_000 }, 'claim.max: must be at most 1000000000 (got 3000000000)'],
    [{ category: 'goats' }, 'claim.category: must be one of total, civilians'],
    [{ measure: 'wounded' }, 'claim.measure: must be one of killed, injured, strikes'],
    [{ period: { start: '2013-11-02', end: '2013-11-01' } }, 'claim.period.end: 2013-11-01 is before start 2013-11-02'],
    [{ span: { start: 18, end: 40 } }, 'claim.quote: length 28 does not match span 18-40'],
    [{ quote: 'killed at least eight peoplX' }, 'claim.quote: differs from the source text at its span'],
  ])('rejects %j', (patch, msg) => {
    expect(() => claimDraft({ ...good, ...patch }, text)).toThrow(msg)
  })

  it('validates edits against the values they leave in place', () => {
    const c = claimDraft(good, text)
    expect(claimEdit({ max: 10 }, c)).toEqual({ max: 10 })
    expect(() => claimEdit({ max: 3 }, c)).toThrow('edit: min 8 is greater than max 3')
    expect(() => claimEdit({ quote: 'x' }, c)).toThrow('edit.quote: is not an editable field')
  })
})

describe('place and source metadata', () => {
  it('rejects a bad country code and half coordinates', () => {
    expect(() => place({ country: 'Pakistan' })).toThrow('place.country: must be an ISO 3166-1 alpha-2 code')
    expect(() => place({ country: 'PK', lat: 33 })).toThrow('place.lat: lat and lon must both be given')
  })
  it('rejects invalid dates and kinds', () => {
    expect(() => sourceMeta({ published: '2013-02-30' })).toThrow('source.published: must be a calendar date')
    expect(() => sourceMeta({ kind: 'blog' })).toThrow('source.kind: must be one of news')
    expect(sourceMeta({}).kind).toBe('other')
  })
})

describe('zero marker', () => {
  it('marks only a claim of exactly 0, as explicit or implied', () => {
    expect(claimDraft({ ...good, min: 0, max: 0, zero: 'implied' }, text).zero).toBe('implied')
    expect(claimDraft({ ...good }, text).zero).toBeNull()
    expect(() => claimDraft({ ...good, min: 8, max: 8, zero: 'explicit' }, text)).toThrow('claim.zero: marks a claim of 0, not 8–8')
    expect(() => claimDraft({ ...good, min: 0, max: 0, zero: 'maybe' }, text)).toThrow('claim.zero: must be one of explicit, implied')
  })
})
