import { describe, expect, it } from 'vitest'
import { asIncidentId } from '../domain/index.js'
import { comparePlaces, linkClaim, namesMatch, suggestIncidents, type LinkCandidate } from './link.js'
import { buildClaim, place, type ClaimInput } from './test-helpers/build-claim.js'


function incident(id: string, claims: ClaimInput[], extra: Partial<LinkCandidate> = {}): LinkCandidate {
  const built = claims.map((c) => buildClaim(c))
  return { id: asIncidentId(id), date: built[0]!.period, place: built[0]!.place, actor: built[0]!.actor, claims: built, ...extra }
}

const mehsud: ClaimInput = {
  sourceId: 'src_wsws',
  min: 8,
  max: null,
  from: '2013-10-31',
  to: '2013-11-01',
  actor: 'United States',
  country: 'PK',
  names: ['Hakimullah Mehsud'],
  eventKey: 'e1',
}

describe('linkClaim', () => {
  it('joins a second report of the same strike by the person named, and says why', () => {
    const inc = incident('inc_1', [mehsud])
    const second = buildClaim({ sourceId: 'src_dawn', min: 5, max: 5, from: '2013-11-01', actor: 'United States', country: 'PK', admin1: 'North Waziristan', names: ['Hakimullah'] })
    const d = linkClaim(second, [inc])
    expect(d.incidentId).toBe('inc_1')
    expect(d.reason).toContain('names in common: Hakimullah')
    expect(d.score).toBeGreaterThanOrEqual(0.6)
  })

  it('joins claims of one event in one source outright, and keeps apart different events of one source', () => {
    const inc = incident('inc_1', [mehsud])
    expect(linkClaim(buildClaim({ ...mehsud, category: 'militants', min: 1, max: 1 }), [inc])).toMatchObject({ incidentId: 'inc_1', score: 1 })
    expect(linkClaim(buildClaim({ ...mehsud, eventKey: 'e2' }), [inc])).toMatchObject({ incidentId: null })
  })

  it('never joins across incompatible dates, places or actors', () => {
    const inc = incident('inc_1', [mehsud])
    const base = { ...mehsud, sourceId: 'src_other', eventKey: null }
    expect(linkClaim(buildClaim({ ...base, from: '2013-11-05' }), [inc]).incidentId).toBeNull()
    expect(linkClaim(buildClaim({ ...base, country: 'AF' }), [inc]).incidentId).toBeNull()
    expect(linkClaim(buildClaim({ ...base, actor: 'Pakistan' }), [inc]).incidentId).toBeNull()
    expect(suggestIncidents(buildClaim({ ...base, country: 'AF' }), [inc])).toEqual([])
  })

  it('allows a day of slack for day-precise dates', () => {
    const inc = incident('inc_1', [{ ...mehsud, from: '2013-11-01', to: '2013-11-01' }])
    const nextDay = buildClaim({ ...mehsud, sourceId: 'src_b', eventKey: null, from: '2013-11-02' })
    expect(linkClaim(nextDay, [inc]).incidentId).toBe('inc_1')
  })

  it('opens a new incident when nothing but a compatible date links them', () => {
    const inc = incident('inc_1', [{ sourceId: 'src_a', from: '2012-05-05', country: 'PK' }])
    const d = linkClaim(buildClaim({ sourceId: 'src_b', from: '2012-05-05', country: 'PK' }), [inc])
    expect(d.incidentId).toBeNull()
    expect(d.reason).toMatch(/^new incident: best candidate inc_1 scored 0\.4/)
  })

  it('joins the only incident compatible in date, place and actor, but not one of two', () => {
    const first = incident('inc_1', [{ ...mehsud, names: [] }])
    const other = buildClaim({ sourceId: 'src_dawn', min: 5, max: 5, from: '2013-11-01', actor: 'United States', country: 'PK', admin1: 'North Waziristan' })
    expect(linkClaim(other, [first])).toMatchObject({ incidentId: 'inc_1', reason: expect.stringMatching(/^joined: the only incident compatible/) as string })
    const second = incident('inc_2', [{ ...mehsud, sourceId: 'src_x', names: [], country: 'PK', admin1: 'North Waziristan' }])
    expect(linkClaim(other, [first, second]).incidentId).toBeNull()
    expect(linkClaim({ ...other, actor: null }, [first]).incidentId).toBeNull()
  })

  it('never gathers strikes months apart into an incident opened by a claim dated only to a year', () => {
    // "a US drone strike in Pakistan in 2012 killed 18 labourers" opens an incident dated 2012, placed in Pakistan.
    const vague = incident('inc_1', [{ sourceId: 'src_a', min: 18, max: 18, from: '2012-01-01', to: '2012-12-31', period: { start: '2012-01-01', end: '2012-12-31', precision: 'year' }, actor: 'United States', country: 'PK' }])
    const march = buildClaim({ sourceId: 'src_b', min: 3, max: 3, from: '2012-03-05', actor: 'United States', country: 'PK', admin1: 'North Waziristan' })
    expect(linkClaim(march, [vague]).incidentId).toBeNull()
    // Once a March claim sits in an incident, a November claim no longer fits it, whatever the incident's own date.
    const grown: LinkCandidate = { ...vague, claims: [...vague.claims, march] }
    const november = buildClaim({ sourceId: 'src_c', min: 7, max: 7, from: '2012-11-20', actor: 'United States', country: 'PK', admin1: 'South Waziristan', names: ['Hakimullah Mehsud'] })
    const d = linkClaim(november, [{ ...grown, claims: grown.claims.map((c) => ({ ...c, names: ['Hakimullah Mehsud'] })) }])
    expect(d).toMatchObject({ incidentId: null, reason: 'new incident: no compatible incident' })
    expect(suggestIncidents(november, [grown])).toEqual([])
  })

  it('joins another copy of the same report (same sentence, same figure) even when its date is only a year', () => {
    const quote = 'In one attack 18 labourers were killed while in the other a grandmother was killed.'
    const year = { start: '2012-01-01', end: '2012-12-31', precision: 'year' as const }
    const inTxt = incident('inc_1', [{ sourceId: 'src_txt', min: 18, max: 18, category: 'civilians', quote, period: year, country: 'PK', actor: 'United States' }])
    const fromPdf = buildClaim({ sourceId: 'src_pdf', min: 18, max: 18, category: 'civilians', quote: quote.replace(' while', '\nwhile'), period: year, country: 'PK', actor: 'United States' })
    expect(linkClaim(fromPdf, [inTxt])).toMatchObject({ incidentId: 'inc_1', score: 1, reason: expect.stringContaining('the same sentence with the same figure') as string })
    // The other figure of that sentence is another strike; a short sentence says too little to tell.
    expect(linkClaim({ ...fromPdf, min: 1, max: 1 }, [inTxt]).incidentId).toBeNull()
    const short = incident('inc_2', [{ sourceId: 'src_a', quote: '5 killed.', period: year, country: 'PK' }])
    expect(linkClaim(buildClaim({ sourceId: 'src_b', quote: '5 killed.', period: year, country: 'PK' }), [short]).incidentId).toBeNull()
  })

  it('does not take the actor or a place for a shared name', () => {
    const inc = incident('inc_1', [{ ...mehsud, names: ['United States', 'Pakistan'] }])
    const c = buildClaim({ ...mehsud, sourceId: 'src_b', eventKey: null, names: ['United States', 'Pakistan'] })
    expect(suggestIncidents(c, [inc])[0]!.reason).not.toContain('names in common')
  })

  it('joins on same day and same precise place without names', () => {
    const here = { country: 'PK', admin1: 'North Waziristan' }
    const inc: LinkCandidate = { ...incident('inc_1', [{ sourceId: 'src_a', from: '2012-05-05', ...here }]), place: place('PK', 'North Waziristan', 'Datta Khel', 'locality') }
    const c = { ...buildClaim({ sourceId: 'src_b', from: '2012-05-05' }), place: place('PK', 'north waziristan', 'Datta Khel', 'locality') }
    expect(linkClaim(c, [inc])).toMatchObject({ incidentId: 'inc_1' })
  })

  it('does not link aggregate claims', () => {
    expect(linkClaim(buildClaim({ scope: 'aggregate' }), [incident('inc_1', [mehsud])])).toMatchObject({ incidentId: null, reason: 'aggregate claims are not linked to incidents' })
  })

  it('ranks suggestions best first', () => {
    const a = incident('inc_a', [{ ...mehsud, names: [] }])
    const b = incident('inc_b', [mehsud])
    const c = buildClaim({ ...mehsud, sourceId: 'src_new', eventKey: null })
    expect(suggestIncidents(c, [a, b]).map((s) => s.incidentId)).toEqual(['inc_b', 'inc_a'])
  })
})

describe('comparePlaces and namesMatch', () => {
  it.each([
    [place('PK'), place('AF'), 'disjoint'],
    [place('PK'), place('PK', 'North Waziristan'), 'nested'],
    [place('PK', 'North Waziristan'), place('PK', 'north  waziristan'), 'same'],
    [place('PK', 'North Waziristan'), place('PK', 'South Waziristan'), 'disjoint'],
    [place('PK', 'A', 'Miranshah'), place('PK', 'A', 'Miran Shah'), 'unknown'],
    [place(null), place('PK'), 'unknown'],
  ] as const)('%j vs %j is %s', (a, b, rel) => {
    expect(comparePlaces(a, b)).toBe(rel)
  })

  it('matches names by their words, but not by one common short word', () => {
    expect(namesMatch('Hakimullah Mehsud', 'hakimullah')).toBe(true)
    expect(namesMatch('Hakimullah Mehsud', 'Latifullah Mehsud')).toBe(false)
    expect(namesMatch('Ali Khan', 'Khan')).toBe(false)
  })
})
