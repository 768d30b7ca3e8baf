/** @module Tests for the timeline's month bands and the casualty figure the table and map size by. */
import { describe, expect, it } from 'vitest'
import type { Figure, Incident } from '../../src/domain/index.js'
import { bands, bandsFromTotals, months, withinMonth, yearBands, yearBandsFromTotals } from '../../web/src/bands.js'
import { killed, placeText } from '../../web/src/format.js'

const fig = (category: Figure['category'], min: number | null, max: number | null, measure: Figure['measure'] = 'killed'): Figure => ({
  measure, category, min, max, lowClaims: [], highClaims: [], claims: [], sources: 1,
})
const incident = (id: string, start: string, figures: Figure[]): Incident =>
  ({ id, date: { start, end: start, precision: 'day' }, place: null, actor: null, target: null, victims: [], grade: null, status: 'active', mergedInto: null, figures, links: [], sourceCount: 1, createdAt: '', updatedAt: '' }) as unknown as Incident

describe('months', () => {
  it('lists every month between two, across a year end', () => {
    expect(months('2012-11', '2013-02')).toEqual(['2012-11', '2012-12', '2013-01', '2013-02'])
    expect(months('2013-02', '2013-02')).toEqual(['2013-02'])
  })
})

describe('bands', () => {
  it('sums lows and highs per month and category, filling empty months with zero', () => {
    const b = bands([
      incident('a', '2012-01-10', [fig('civilians', 3, 5), fig('total', 8, null)]),
      incident('b', '2012-01-20', [fig('civilians', 1, 1), fig('civilians', 2, 2, 'injured')]),
      incident('c', '2012-03-02', [fig('civilians', 18, 18)]),
    ])
    expect(b.get('civilians')).toEqual([
      { month: '2012-01', low: 4, high: 6, incidents: 2 },
      { month: '2012-02', low: 0, high: 0, incidents: 0 },
      { month: '2012-03', low: 18, high: 18, incidents: 1 },
    ])
    // An unbounded high stays unbounded in the sum: the band is drawn open at the top.
    expect(b.get('total')?.[0]).toEqual({ month: '2012-01', low: 8, high: null, incidents: 1 })
    expect([...b.keys()]).toEqual(['total', 'civilians'])
  })

  it('keeps incidents dated only to a year, or across months, out of the months and sums them per year', () => {
    const dated = (id: string, start: string, end: string, figures: Figure[]): Incident => ({ ...incident(id, start, figures), date: { start, end, precision: 'span' } })
    const list = [
      incident('a', '2012-03-10', [fig('total', 2, 2)]),
      dated('y', '2012-01-01', '2012-12-31', [fig('total', 10, 12)]),
      dated('s', '2012-02-20', '2012-03-05', [fig('total', 1, null)]),
      dated('m', '2012-05-01', '2012-05-31', [fig('total', 4, 4)]),
    ]
    // January gets nothing: the year-only report is not a January strike.
    expect(bands(list).get('total')?.map((b) => [b.month, b.low])).toEqual([['2012-03', 2], ['2012-04', 0], ['2012-05', 4]])
    expect(yearBands(list).get('total')).toEqual([{ year: '2012', low: 11, high: null, incidents: 2 }])
    expect(withinMonth({ start: '2012-05-01', end: '2012-05-31', precision: 'month' })).toBe(true)
    expect(withinMonth({ start: null, end: null, precision: null })).toBe(false)
  })

  it('builds year bands from the notByMonth rows of server totals', () => {
    const y = yearBandsFromTotals([
      { group: '2013', measure: 'killed', category: 'total', low: 3, high: 4, incidents: 1 },
      { group: '2012', measure: 'killed', category: 'total', low: 1, high: 2, incidents: 1 },
      { group: '2012', measure: 'injured', category: 'total', low: 9, high: 9, incidents: 1 },
    ])
    expect(y.get('total')).toEqual([{ year: '2012', low: 1, high: 2, incidents: 1 }, { year: '2013', low: 3, high: 4, incidents: 1 }])
  })

  it('is empty without dated incidents', () => {
    expect(bands([]).size).toBe(0)
  })

  it('builds the same bands from server totals by month', () => {
    const b = bandsFromTotals([
      { group: '2012-01', measure: 'killed', category: 'civilians', low: 4, high: 6, incidents: 2 },
      { group: '2012-03', measure: 'killed', category: 'civilians', low: 18, high: 18, incidents: 1 },
      { group: '2012-02', measure: 'injured', category: 'civilians', low: 2, high: 2, incidents: 1 },
      { group: null, measure: 'killed', category: 'civilians', low: 9, high: 9, incidents: 1 },
    ])
    expect(b.get('civilians')?.map((r) => [r.month, r.low, r.high])).toEqual([
      ['2012-01', 4, 6],
      ['2012-02', 0, 0],
      ['2012-03', 18, 18],
    ])
  })
})

describe('killed', () => {
  it('prefers the total figure, else sums the categories that partition people', () => {
    expect(killed({ figures: [fig('total', 8, null), fig('civilians', 3, 3)] })).toEqual({ min: 8, max: null })
    expect(killed({ figures: [fig('civilians', 3, 4), fig('militants', 2, 5), fig('children', 1, 1)] })).toEqual({ min: 5, max: 9 })
    expect(killed({ figures: [] })).toEqual({ min: 0, max: 0 })
  })
})

describe('placeText', () => {
  it('always says how precise a place is', () => {
    expect(placeText({ name: null, admin1: 'North Waziristan', country: 'PK', lat: 32.9, lon: 70, precision: 'region' })).toBe('North Waziristan, PK (region)')
    expect(placeText(null)).toBe('place unknown')
  })
})
