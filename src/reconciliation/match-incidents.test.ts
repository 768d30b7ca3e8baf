import { describe, expect, it } from 'vitest'
import { asIncidentId, type Place } from '../domain/index.js'
import { DatasetComparer } from './compare-datasets.js'
import { matchIncident, originOf, type MatchSubject } from './match-incidents.js'
import { buildClaim, type ClaimInput } from './test-helpers/build-claim.js'

const at = (lat: number, lon: number, precision: Place['precision'] = 'locality'): Place => ({ name: 'Datta Khel', admin1: 'North Waziristan', country: 'PK', lat, lon, precision })

function subject(id: string, extractor: string, over: ClaimInput = {}, place: Place = at(32.98, 69.95)): MatchSubject {
  const claim = buildClaim({ sourceId: `src_${id}`, incidentId: id, extractor, from: '2013-11-01', actor: 'United States', ...over, place })
  return { id: asIncidentId(id), date: claim.period, place, actor: claim.actor, claims: [claim], origins: [originOf(extractor)] }
}

describe('matchIncident', () => {
  it('matches one strike recorded by two datasets, however each names the actor, and says why', () => {
    const acled = subject('inc_a', 'import:acled', { actor: 'Military Forces of the United States (2009-2017)' })
    const ucdp = subject('inc_u', 'import:ucdp-ged', { actor: 'Government of United States of America' }, at(32.99, 69.96))
    const d = matchIncident(ucdp, [acled])
    expect(d.incidentId).toBe('inc_a')
    expect(d.reason).toMatch(/^matched: same day \(2013-11-01\); 1 km apart; same actor/)
  })

  it('never matches two rows of one dataset, nor strikes too far apart, on other days or by other actors', () => {
    const a = subject('inc_a', 'import:acled')
    expect(matchIncident(subject('inc_b', 'import:acled'), [a]).incidentId).toBeNull()
    expect(matchIncident(subject('inc_u', 'import:ucdp-ged', {}, at(33.5, 70.5)), [a])).toMatchObject({ incidentId: null, reason: 'no match: no compatible incident' })
    expect(matchIncident(subject('inc_u', 'import:ucdp-ged', { from: '2013-11-05' }), [a]).incidentId).toBeNull()
    expect(matchIncident(subject('inc_u', 'import:ucdp-ged', { actor: 'Military Forces of Pakistan' }), [a]).incidentId).toBeNull()
    expect(matchIncident(a, [a]).incidentId).toBeNull()
  })

  it('matches a dataset row to an incident opened by an article', () => {
    const article = subject('inc_r', 'rules@1.0.0', { names: ['Hakimullah Mehsud'] })
    expect(matchIncident(subject('inc_d', 'import:dronestream', { names: ['Hakimullah Mehsud'] }), [article]).reason).toContain('names in common: Hakimullah Mehsud')
  })
})

describe('DatasetComparer', () => {
  const row = (id: string, incidentId: string, extractor: string, min: number | null, max: number | null, claimant: string) =>
    buildClaim({ id, incidentId, extractor, min, max, claimant, from: '2013-11-01', country: 'PK' })

  it('reports two datasets whose figures for one incident do not overlap, and only those', () => {
    const c = new DatasetComparer()
    c.add(row('a1', 'inc_1', 'import:acled', 20, null, 'ACLED'))
    c.add(row('u1', 'inc_1', 'import:ucdp-ged', 4, 6, 'UCDP'))
    c.add(row('a2', 'inc_2', 'import:acled', 3, null, 'ACLED'))
    c.add(row('u2', 'inc_2', 'import:ucdp-ged', 2, 5, 'UCDP'))
    c.add(row('r1', 'inc_2', 'rules@1.0.0', 40, 40, 'Dawn'))
    const [f, ...rest] = c.findings()
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'contradiction', claims: ['u1', 'a1'], claimants: ['UCDP', 'ACLED'], arithmetic: '6 < 20' })
    expect(f!.summary).toContain('UCDP 4–6, ACLED at least 20')
  })

  it('sums each dataset per country and year, counting incidents both record', () => {
    const c = new DatasetComparer()
    c.add(row('a1', 'inc_1', 'import:acled', 4, 4, 'ACLED'))
    c.add(row('u1', 'inc_1', 'import:ucdp-ged', 4, 6, 'UCDP'))
    c.add(row('u2', 'inc_2', 'import:ucdp-ged', 9, 12, 'UCDP'))
    c.add(row('d1', 'inc_3', 'import:dronestream', 1, 1, 'TBIJ'))
    const [r, ...rest] = c.periods()
    expect(rest).toEqual([])
    expect(r).toMatchObject({ country: 'PK', year: '2013', measure: 'killed', category: 'total', shared: 1, agree: false })
    expect(r!.datasets).toEqual([
      { dataset: 'import:acled', claimant: 'ACLED', incidents: 1, low: 4, high: 4 },
      { dataset: 'import:dronestream', claimant: 'TBIJ', incidents: 1, low: 1, high: 1 },
      { dataset: 'import:ucdp-ged', claimant: 'UCDP', incidents: 2, low: 13, high: 18 },
    ])
  })
})
