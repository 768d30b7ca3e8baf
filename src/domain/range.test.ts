import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidValue } from './errors.js'
import { add, contains, containsValue, envelope, formatRange, hi, intersect, lo, overlaps, range, sum, type Range } from './range.js'

const bound = fc.option(fc.nat({ max: 1000 }), { nil: null })
const arbRange: fc.Arbitrary<Range> = fc.tuple(bound, bound).map(([a, b]) => (a !== null && b !== null && a > b ? { min: b, max: a } : { min: a, max: b }))

describe('range', () => {
  it.each([
    [5, 3, 'range: min 5 is greater than max 3'],
    [-1, 3, 'range.min: must not be negative (got -1)'],
    [1.5, 3, 'range.min: must be a whole number (got 1.5)'],
    [1, Number.NaN, 'range.max: must be a finite number or null'],
  ])('rejects min=%s max=%s', (min, max, msg) => {
    expect(() => range(min, max)).toThrow(InvalidValue)
    expect(() => range(min, max)).toThrow(msg)
  })

  it('names the field it was given', () => {
    expect(() => range(9, 2, 'claim')).toThrow('claim: min 9 is greater than max 2')
  })

  it('intersects, and reports empty intersections as null', () => {
    expect(intersect({ min: 3, max: 8 }, { min: 5, max: null })).toEqual({ min: 5, max: 8 })
    expect(intersect({ min: 0, max: 0 }, { min: 19, max: 19 })).toBeNull()
    expect(intersect({ min: null, max: null }, { min: null, max: 4 })).toEqual({ min: null, max: 4 })
  })

  it('envelopes, keeping unbounded maxima unbounded', () => {
    expect(envelope({ min: 5, max: 8 }, { min: 8, max: null })).toEqual({ min: 5, max: null })
    expect(envelope({ min: 5, max: 8 }, { min: 2, max: 3 })).toEqual({ min: 2, max: 8 })
  })

  it('sums with unbounded maxima', () => {
    expect(sum([{ min: 18, max: 18 }, { min: 1, max: 1 }])).toEqual({ min: 19, max: 19 })
    expect(sum([{ min: 18, max: 18 }, { min: 400, max: null }])).toEqual({ min: 418, max: null })
    expect(sum([])).toEqual({ min: 0, max: 0 })
  })

  it('formats', () => {
    expect([formatRange({ min: 8, max: 8 }), formatRange({ min: 8, max: null }), formatRange({ min: 3, max: 4 }), formatRange({ min: null, max: 5 })]).toEqual([
      '8',
      '≥ 8',
      '3–4',
      '≤ 5',
    ])
  })

  it('property: intersection is contained in both and is empty exactly when they do not overlap', () => {
    fc.assert(
      fc.property(arbRange, arbRange, (a, b) => {
        const i = intersect(a, b)
        if (i === null) return !overlaps(a, b)
        return overlaps(a, b) && contains(a, i) && contains(b, i)
      }),
    )
  })

  it('property: envelope contains both', () => {
    fc.assert(fc.property(arbRange, arbRange, (a, b) => contains(envelope(a, b), a) && contains(envelope(a, b), b)))
  })

  it('property: a + b holds every x + y', () => {
    fc.assert(
      fc.property(arbRange, arbRange, fc.nat(2000), fc.nat(2000), (a, b, x, y) => {
        fc.pre(containsValue(a, x) && containsValue(b, y))
        return containsValue(add(a, b), x + y)
      }),
    )
  })

  it('property: sum bounds are the sums of bounds', () => {
    fc.assert(
      fc.property(fc.array(arbRange, { maxLength: 8 }), (rs) => {
        const s = sum(rs)
        return lo(s) === rs.reduce((t, r) => t + lo(r), 0) && hi(s) === rs.reduce((t, r) => t + hi(r), 0)
      }),
    )
  })
})
