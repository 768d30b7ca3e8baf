import { describe, expect, it } from 'vitest'
import { checkClaims } from './check-claims.js'
import { reconcile } from './reconcile.js'
import { buildClaim } from './test-helpers/build-claim.js'

const at = { incidentId: 'inc_1', from: '2013-03-04' }
const kinds = (fs: { kind: string }[]): string[] => fs.map((f) => f.kind).sort()

describe('reconciling one strike: accounts of different claimants are alternatives, never addends', () => {
  const militants = buildClaim({ ...at, id: 'm', category: 'militants', min: 5, max: 5, claimant: 'officials' })
  const zero = buildClaim({ ...at, id: 'z', category: 'civilians', min: 0, max: 0, claimant: 'officials', zero: 'implied' })
  const civilians = buildClaim({ ...at, id: 'c', category: 'civilians', min: 3, max: 3, claimant: 'residents' })
  const boy = buildClaim({ ...at, id: 'b', category: 'children', min: 1, max: 1, claimant: 'residents' })

  it('officials\' five militants and residents\' three civilians among the dead: killed 5, civilians 0–3, never 8', () => {
    const figures = new Map(reconcile([militants, zero, civilians, boy], []).map((f) => [f.category, f]))
    expect(figures.get('total')).toMatchObject({ min: 5, max: 5 })
    expect(figures.get('civilians')).toMatchObject({ min: 0, max: 3 })
    const findings = checkClaims([militants, zero, civilians, boy])
    expect(kinds(findings)).toEqual(['characterisation_dispute'])
    expect(findings[0]!.claimants).toEqual(['officials', 'residents'])
    expect(findings[0]!.claims).toEqual(['z', 'm', 'c'])
  })

  it('one claimant\'s own breakdown adds up, and only bounds the total from below', () => {
    const a = buildClaim({ ...at, category: 'militants', min: 5, max: 5, claimant: 'officials' })
    const b = buildClaim({ ...at, category: 'civilians', min: 3, max: 3, claimant: 'officials' })
    expect(reconcile([a, b], [])[0]).toMatchObject({ category: 'total', min: 8, max: null })
  })

  it('without any whole account, the largest part bounds the total and the high end stays open', () => {
    const a = buildClaim({ ...at, category: 'militants', min: 5, max: 5, claimant: 'officials' })
    const b = buildClaim({ ...at, category: 'civilians', min: 3, max: 3, claimant: 'residents' })
    expect(reconcile([a, b], [])[0]).toMatchObject({ category: 'total', min: 5, max: null })
  })

  it('a part reported by one claimant above another claimant\'s whole is a contradiction, and the figures say so', () => {
    const total = buildClaim({ ...at, id: 't', min: 5, max: 5, claimant: 'police' })
    const part = buildClaim({ ...at, id: 'p', category: 'civilians', min: 9, max: 9, claimant: 'Amnesty International' })
    expect(kinds(checkClaims([total, part]))).toEqual(['contradiction'])
  })
})

describe('disputes at one incident', () => {
  it('a ministry range against a committee figure is a figure dispute with the arithmetic', () => {
    const a = buildClaim({ ...at, category: 'militants', min: 24, max: 30, qualifier: 'range', claimant: 'Yemen defence ministry' })
    const b = buildClaim({ ...at, category: 'militants', min: 14, max: 14, claimant: 'a parliamentary committee', sourceId: 'src_b' })
    const [f] = checkClaims([a, b])
    expect(f).toMatchObject({ kind: 'figure_dispute', arithmetic: '14 < 24', claimants: ['Yemen defence ministry', 'a parliamentary committee'] })
  })

  it('no finding where claimants agree or their ranges overlap, or one claimant restates itself', () => {
    expect(checkClaims([buildClaim({ ...at, min: 7, max: 7, claimant: 'officials' }), buildClaim({ ...at, min: 7, max: 7, claimant: 'residents' })])).toEqual([])
    expect(checkClaims([buildClaim({ ...at, min: 10, max: 14, claimant: 'officials' }), buildClaim({ ...at, min: 12, max: 12, claimant: 'a medic' })])).toEqual([])
    expect(checkClaims([buildClaim({ ...at, min: 11, max: 11, claimant: 'the governor' }), buildClaim({ ...at, min: 11, max: 11, claimant: 'the governor' })])).toEqual([])
    // A vague figure ("several") overlaps anything.
    expect(checkClaims([buildClaim({ ...at, min: 3, max: null, qualifier: 'vague', claimant: 'a' }), buildClaim({ ...at, min: 40, max: 40, claimant: 'b' })])).toEqual([])
  })

  it('copies of one report are one claimant saying one thing: no finding', () => {
    const txt = buildClaim({ ...at, min: 5, max: 8, qualifier: 'range', claimant: 'officials', sourceId: 'src_txt' })
    const pdf = buildClaim({ ...at, min: 5, max: 8, qualifier: 'range', claimant: 'officials', sourceId: 'src_pdf' })
    expect(checkClaims([txt, pdf])).toEqual([])
  })

  it('"at least 8" against "5" cannot both hold', () => {
    const a = buildClaim({ ...at, min: 8, max: null, qualifier: 'at_least', claimant: 'officials' })
    const b = buildClaim({ ...at, min: 5, max: 5, claimant: 'a local official' })
    expect(checkClaims([a, b])).toMatchObject([{ kind: 'figure_dispute', arithmetic: '5 < 8' }])
  })

  it('a denial then an admission by the same command, however named, is a dated revision, not a contradiction', () => {
    const denial = buildClaim({ ...at, id: 'd', category: 'civilians', min: 0, max: 0, zero: 'explicit', claimant: 'US Africa Command', sourceId: 'src_2019' })
    const admission = buildClaim({ ...at, id: 'a', category: 'civilians', min: 2, max: 2, claimant: 'AFRICOM', sourceId: 'src_2020' })
    const published = new Map([['src_2019', '2019-03-01'], ['src_2020', '2020-04-28']])
    // Given in the other order: the publication dates set which came first.
    const findings = checkClaims([admission, denial], { publishedOf: (id) => published.get(id) ?? null })
    expect(kinds(findings)).toEqual(['revision'])
    expect(findings[0]!.claims).toEqual(['d', 'a'])
    expect(findings[0]!.summary).toContain('(2019-03-01)')
    expect(findings[0]!.summary).toContain('(2020-04-28)')
  })

  it('one report\'s "initially" and "later" order a revision told out of order', () => {
    const later = buildClaim({ ...at, id: 'l', category: 'civilians', min: 2, max: 2, claimant: 'AFRICOM', quote: 'AFRICOM later admitted two deaths', span: { start: 40, end: 73 } })
    const first = buildClaim({ ...at, id: 'f', category: 'civilians', min: 0, max: 0, claimant: 'AFRICOM', quote: 'AFRICOM initially said none died', zero: 'explicit' })
    expect(checkClaims([later, first])[0]!.claims).toEqual(['f', 'l'])
  })

  it('the converse characterisation: one side\'s dead all civilians, the other\'s militants', () => {
    const total = buildClaim({ ...at, min: 6, max: 6, claimant: 'relatives' })
    const civ = buildClaim({ ...at, id: 'civ', category: 'civilians', min: 6, max: 6, claimant: 'relatives' })
    const mil = buildClaim({ ...at, id: 'mil', category: 'militants', min: 5, max: 5, claimant: 'AFRICOM' })
    expect(checkClaims([total, civ, mil])).toMatchObject([{ kind: 'characterisation_dispute', claims: ['civ', 'mil'] }])
  })

  it('can be left out, for the bench\'s comparison with the checker as it was', () => {
    const a = buildClaim({ ...at, min: 8, max: 8, claimant: 'a' })
    const b = buildClaim({ ...at, min: 5, max: 5, claimant: 'b' })
    expect(checkClaims([a, b], { disputes: false })).toEqual([])
  })
})
