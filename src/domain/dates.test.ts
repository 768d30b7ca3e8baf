import { describe, expect, it } from 'vitest'
import { addDays, dayOfWeek, isLocalDate, period, periodContains, periodOverlaps } from './dates.js'

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2013-11-04')).toBe(true)
    expect(isLocalDate('2012-02-29')).toBe(true)
    expect(isLocalDate('2013-02-29')).toBe(false)
    expect(isLocalDate('2013-13-01')).toBe(false)
    expect(isLocalDate('13-11-04')).toBe(false)
  })

  it('does day arithmetic across months and years', () => {
    expect(addDays('2013-11-04', -4)).toBe('2013-10-31')
    expect(addDays('2012-12-31', 1)).toBe('2013-01-01')
    expect(dayOfWeek('2013-11-04')).toBe(1)
  })

  it('rejects an end before its start, naming the field', () => {
    expect(() => period({ start: '2013-11-04', end: '2013-11-01' }, 'claim.period')).toThrow('claim.period.end: 2013-11-01 is before start 2013-11-04')
    expect(() => period({ start: '2013-02-30', end: null })).toThrow('period.start: must be a calendar date')
    expect(() => period({ start: null, end: null, precision: 'fortnight' as never })).toThrow('period.precision')
  })

  it('nests and overlaps open periods', () => {
    const since2008 = { start: '2008-01-01', end: null, precision: 'year' as const }
    const y2012 = { start: '2012-01-01', end: '2012-12-31', precision: 'year' as const }
    const all = { start: null, end: null, precision: null }
    expect(periodContains(since2008, y2012)).toBe(true)
    expect(periodContains(y2012, since2008)).toBe(false)
    expect(periodContains(all, since2008)).toBe(true)
    expect(periodOverlaps(y2012, { start: '2013-01-01', end: null, precision: null })).toBe(false)
  })
})
