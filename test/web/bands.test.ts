/** @module Tests for the timeline's month bands and the casualty figure the table and map size by. */
import { describe, expect, it } from 'vitest'
import type { Figure, TotalRow } from '../../src/api/wire-types.js'
import { bandsFromTotals, months, periodOf, yearBandsFromTotals } from '../../web/src/bands.js'
import { killed, placeText } from '../../web/src/format.js'

const fig = (category: Figure['category'], min: number | null, max: number | null, measure: Figure['measure'] = 'killed'): Figure => ({
  measure, category, min, max, lowClaims: [], highClaims: [], claims: [], sources: 1,
})

describe('months', () => {
  it('lists every month between two, across a year end', () => {
    expect(months('2012-11', '2013-02')).toEqual(['2012-11', '2012-12', '2013-01', '2013-02'])
    expect(months('2013-02', '2013-02')).toEqual(['2013-02'])
  })
})

describe('periodOf', () => {
  it('gives the first and last day of a month (leap Februaries too) or a year', () => {
    expect(periodOf('2012-02')).toEqual({ from: '2012-02-01', to: '2012-02-29' })
    expect(periodOf('2013-02')).toEqual({ from: '2013-02-01', to: '2013-02-28' })
    expect(periodOf('2013-12')).toEqual({ from: '2013-12-01', to: '2013-12-31' })
    expect(periodOf('2013')).toEqual({ from: '2013-01-01', to: '2013-12-31' })
  })
})

describe('bandsFromTotals over a filtered period', () => {
  it('spans the whole period asked for, empty months included, and never cuts months with data', () => {
    const rows: TotalRow[] = [{ group: '2012-03', measure: 'killed', category: 'total', low: 4, high: 4, incidents: 1 }]
    const months2 = (span: { from?: string; to?: string }) => bandsFromTotals(rows, span).get('total')!.map((b) => b.month)
    expect(months2({ from: '2012-01-01', to: '2012-05-31' })).toEqual(['2012-01', '2012-02', '2012-03', '2012-04', '2012-05'])
    expect(months2({})).toEqual(['2012-03'])
    expect(months2({ from: '2012-03-15', to: '2012-03-20' })).toEqual(['2012-03'])
    expect(bandsFromTotals(rows, { from: '2012-01-01', to: '2012-05-31' }).get('total')![0]).toEqual({ month: '2012-01', low: 0, high: 0, incidents: 0 })
  })
})

describe('bandsFromTotals', () => {
  it('is empty without dated rows', () => {
    expect(bandsFromTotals([{ group: null, measure: 'killed', category: 'total', low: 1, high: 1, incidents: 1 }]).size).toBe(0)
  })

  it('builds year bands from the notByMonth rows of server totals', () => {
    const y = yearBandsFromTotals([
      { group: '2013', measure: 'killed', category: 'total', low: 3, high: 4, incidents: 1 },
      { group: '2012', measure: 'killed', category: 'total', low: 1, high: 2, incidents: 1 },
      { group: '2012', measure: 'injured', category: 'total', low: 9, high: 9, incidents: 1 },
    ])
    expect(y.get('total')).toEqual([{ year: '2012', low: 1, high: 2, incidents: 1 }, { year: '2013', low: 3, high: 4, incidents: 1 }])
  })

  it('fills empty months with zero, keeps an unbounded high open, and leaves out other measures and undated rows', () => {
    const b = bandsFromTotals([
      { group: '2012-01', measure: 'killed', category: 'civilians', low: 4, high: 6, incidents: 2 },
      { group: '2012-03', measure: 'killed', category: 'civilians', low: 18, high: 18, incidents: 1 },
      { group: '2012-02', measure: 'injured', category: 'civilians', low: 2, high: 2, incidents: 1 },
      { group: null, measure: 'killed', category: 'civilians', low: 9, high: 9, incidents: 1 },
      { group: '2012-01', measure: 'killed', category: 'total', low: 8, high: null, incidents: 1 },
    ])
    expect(b.get('civilians')?.map((r) => [r.month, r.low, r.high])).toEqual([
      ['2012-01', 4, 6],
      ['2012-02', 0, 0],
      ['2012-03', 18, 18],
    ])
    // An unbounded high stays unbounded in the sum: the band is drawn open at the top.
    expect(b.get('total')?.[0]).toEqual({ month: '2012-01', low: 8, high: null, incidents: 1 })
    expect([...b.keys()]).toEqual(['total', 'civilians'])
  })
})

describe('killed', () => {
  it('takes the total figure; without one, parts only bound it from below (accounts are never added); none is unknown, not 0', () => {
    expect(killed({ figures: [fig('total', 8, null), fig('civilians', 3, 3)] })).toEqual({ min: 8, max: null })
    expect(killed({ figures: [fig('civilians', 3, 4), fig('militants', 2, 5), fig('children', 1, 1)] })).toEqual({ min: 3, max: null })
    expect(killed({ figures: [] })).toEqual({ min: null, max: null })
  })
})

describe('placeText', () => {
  it('always says how precise a place is', () => {
    expect(placeText({ name: null, admin1: 'North Waziristan', country: 'PK', lat: 32.9, lon: 70, precision: 'region' })).toBe('North Waziristan, PK (region)')
    expect(placeText(null)).toBe('place unknown')
  })
})
