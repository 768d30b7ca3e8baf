import { describe, expect, it } from 'vitest'
import { countryOfName, gazetteerPlaceRelation, gazetteerRegionOf } from './gazetteer-knowledge.js'
import { groupOfClaimant } from './claimant-group.js'
import { place } from './test-helpers/build-claim.js'


describe('gazetteer knowledge', () => {
  it('gives region paths from the hierarchy, skipping containment that history makes ambiguous', () => {
    expect(gazetteerRegionOf(place('PK', null, null, 'country'))).toEqual(['PK'])
    const nw = gazetteerRegionOf(place('PK', 'North Waziristan'))
    expect(nw[0]).toBe('PK')
    expect(nw).toContain('PK-TA')
    expect(nw).not.toContain('PK-KP')
    const town = gazetteerRegionOf(place('PK', 'North Waziristan', 'Datta Khel', 'locality'))
    expect(town.slice(0, nw.length)).toEqual(nw)
    expect(gazetteerRegionOf(place('PK', 'Nowhere Special'))).toEqual(['PK', 'PK/nowhere special'])
    expect(gazetteerRegionOf(null)).toEqual([])
  })

  it('relates places through the hierarchy', () => {
    expect(gazetteerPlaceRelation(place('PK', 'North Waziristan', 'Miranshah', 'locality'), place('PK', 'North Waziristan', 'Miran Shah', 'locality'))).toBe('same')
    expect(gazetteerPlaceRelation(place('PK', 'FATA'), place('PK', 'North Waziristan'))).toBe('nested')
    expect(gazetteerPlaceRelation(place('PK', 'North Waziristan'), place('PK', 'South Waziristan'))).toBe('disjoint')
    expect(gazetteerPlaceRelation(place('PK', null, null, 'country'), place('YE', null, null, 'country'))).toBe('disjoint')
  })

  it('finds the country a claimant speaks for', () => {
    expect(countryOfName("Pakistan's Foreign Ministry")).toBe('PK')
    expect(countryOfName('Yemeni officials')).toBe('YE')
    expect(countryOfName('United States Central Command')).toBe('US')
    const group = (c: string) => groupOfClaimant(c, (n) => countryOfName(n))
    expect(group('Interior Minister Chaudhry Nisar Ali Khan')).toBe('name:interior minister chaudhry nisar ali khan')
    expect(group('Pakistan Ministry of Defence')).toBe(group('Pakistan government'))
  })
})
