import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../domain/index.js'
import { groupOfClaimant } from './claimant-group.js'
import { dayOrdinal, describePeriod, regionContains, scopeContains } from './scope.js'

describe('scope', () => {
  it('property: day ordinals order dates as the calendar does', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n))
    fc.assert(fc.property(day, day, (a, b) => Math.sign(dayOrdinal(a) - dayOrdinal(b)) === Math.sign(a.localeCompare(b))))
  })

  it('nests regions as path prefixes', () => {
    expect(regionContains([], ['PK'])).toBe(true)
    expect(regionContains(['PK'], ['PK', 'PK/x'])).toBe(true)
    expect(regionContains(['PK', 'PK/x'], ['PK'])).toBe(false)
    expect(regionContains(['PK'], ['YE'])).toBe(false)
  })

  it('property: scope containment is transitive and open ends contain everything', () => {
    const end = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null })
    const scope = fc.tuple(end, end, fc.constantFrom([], ['PK'], ['PK', 'PK/a'])).map(([a, b, region]) => {
      const [s, e] = a !== null && b !== null && a > b ? [b, a] : [a, b]
      return { start: s ?? -Infinity, end: e ?? Infinity, region }
    })
    fc.assert(fc.property(scope, scope, scope, (a, b, c) => !(scopeContains(a, b) && scopeContains(b, c)) || scopeContains(a, c)))
    fc.assert(fc.property(scope, (a) => scopeContains({ start: -Infinity, end: Infinity, region: [] }, a)))
  })

  it.each([
    [{ start: null, end: null }, 'overall'],
    [{ start: '2008-01-01', end: null }, 'since 2008'],
    [{ start: null, end: '2007-12-31' }, 'before 2008'],
    [{ start: '2012-01-01', end: '2012-12-31' }, 'in 2012'],
    [{ start: '2012-01-01', end: '2013-12-31' }, '2012–2013'],
    [{ start: '2012-03-04', end: '2012-03-04' }, 'on 2012-03-04'],
  ])('describes %j as %s', (p, words) => {
    expect(describePeriod(p)).toBe(words)
  })
})

describe('groupOfClaimant', () => {
  it('puts a government and its ministries, army and officials in one group', () => {
    const groups = ['Pakistan Ministry of Defence', 'Pakistan government', "Pakistan's Foreign Ministry", 'Pakistani army officials', 'the Ministry of Defence of Pakistan'].map((c) =>
      groupOfClaimant(c),
    )
    expect(new Set(groups)).toEqual(new Set(['state:PK']))
  })

  it('keeps organisations, people and other states apart', () => {
    expect(groupOfClaimant('Amnesty International')).toBe('name:amnesty international')
    expect(groupOfClaimant('Ben Emmerson')).not.toBe(groupOfClaimant('Pakistan government'))
    expect(groupOfClaimant('US State Department')).toBe('state:US')
    expect(groupOfClaimant('Pakistan Body Count')).toBe('name:pakistan body count')
    expect(groupOfClaimant(null)).toBe('voice:')
  })
})
