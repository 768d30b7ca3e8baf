import { describe, expect, it } from 'vitest'
import type { Place } from '../domain/index.js'
import { checkClaims } from './check-claims.js'
import { incidentSetting } from './incident-setting.js'
import { buildClaim } from './test-helpers/build-claim.js'

const village: Place = { name: 'Datta Khel', admin1: 'Khyber Pakhtunkhwa', admin2: 'North Waziristan', country: 'PK', lat: null, lon: null, precision: 'locality' }
const at = { incidentId: 'inc_1' }

describe('an incident\'s place and date: the most precise its claims support, and who sets it', () => {
  it('a village named by one report puts the strike there, not at the country another names', () => {
    const country = buildClaim({ ...at, id: 'country', country: 'PK', from: '2013-03-01', to: '2013-03-31' })
    const precise = buildClaim({ ...at, id: 'village', place: village, from: '2013-03-04' })
    const s = incidentSetting([country, precise])
    expect(s).toMatchObject({ place: village, placeClaim: 'village', date: { start: '2013-03-04', end: '2013-03-04' }, dateClaim: 'village', placeConflict: null, dateConflict: null })
  })

  it('two provinces, or two dates that cannot meet, are a conflict, and the setting falls back only as far as both hold', () => {
    const a = buildClaim({ ...at, id: 'a', country: 'AF', admin1: 'Khost', from: '2020-04-03' })
    const b = buildClaim({ ...at, id: 'b', country: 'AF', admin1: 'Paktika', from: '2020-04-09' })
    const wide = buildClaim({ ...at, id: 'wide', country: 'AF', from: '2020-04-01', to: '2020-04-30' })
    const s = incidentSetting([a, b, wide])
    expect(s.placeConflict).toEqual(['a', 'b'])
    expect(s.dateConflict).toEqual(['a', 'b'])
    expect(s).toMatchObject({ placeClaim: 'wide', dateClaim: 'wide' })
    // Without the wide report, the place is the country both provinces lie in, set by neither.
    expect(incidentSetting([a, b])).toMatchObject({ place: { name: null, admin1: null, country: 'AF', precision: 'country' }, placeClaim: null })
  })

  it('a country never conflicts with a province: it is as often who struck as where', () => {
    const s = incidentSetting([buildClaim({ ...at, id: 'idlib', country: 'SY', admin1: 'Idlib' }), buildClaim({ ...at, id: 'ru', country: 'RU' })])
    expect(s).toMatchObject({ placeClaim: 'idlib', placeConflict: null })
  })

  it('rejected claims set nothing; no place or date at all leaves both unknown', () => {
    const s = incidentSetting([buildClaim({ ...at, place: village, from: '2013-03-04', status: 'rejected' })])
    expect(s).toMatchObject({ place: null, placeClaim: null, date: { start: null, end: null }, dateClaim: null })
  })

  it('the checker reports each conflict once, quoting both claims', () => {
    const a = buildClaim({ ...at, id: 'a', country: 'AF', admin1: 'Khost', from: '2020-04-03', claimant: 'officials' })
    const b = buildClaim({ ...at, id: 'b', country: 'AF', admin1: 'Paktika', from: '2020-04-09', claimant: 'residents' })
    const findings = checkClaims([a, b])
    expect(findings.map((f) => [f.kind, f.claims])).toEqual([['place_conflict', ['a', 'b']], ['date_conflict', ['a', 'b']]])
  })
})
