import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asClaimId } from '../domain/index.js'
import { invariantFindings, reconcile } from './reconcile.js'
import { buildClaim } from './test-helpers/build-claim.js'

const sources = [
  { id: 'src_a', publisher: 'Dawn' },
  { id: 'src_b', publisher: 'Reuters' },
  { id: 'src_c', publisher: 'dawn ' },
]

describe('reconcile', () => {
  it('takes the lowest low and the highest high, naming the claims behind each', () => {
    const a = buildClaim({ id: 'a', min: 8, max: null, qualifier: 'at_least' })
    const b = buildClaim({ id: 'b', sourceId: 'src_b', min: 5, max: 5 })
    const [f] = reconcile([a, b], sources)
    expect(f).toMatchObject({ measure: 'killed', category: 'total', min: 5, max: 8, lowClaims: ['b'], highClaims: ['a'], claims: ['a', 'b'], sources: 2 })
  })

  it('leaves a side open only when no claim bounds it', () => {
    expect(reconcile([buildClaim({ min: 8, max: null })], sources)[0]).toMatchObject({ min: 8, max: null })
    expect(reconcile([buildClaim({ min: 8, max: null }), buildClaim({ min: 12, max: null })], sources)[0]).toMatchObject({ min: 8, max: null })
    expect(reconcile([buildClaim({ min: 8, max: null }), buildClaim({ min: 3, max: 10 })], sources)[0]).toMatchObject({ min: 3, max: 10 })
    expect(reconcile([buildClaim({ min: null, max: 5 })], sources)[0]).toMatchObject({ min: null, max: 5 })
    expect(reconcile([buildClaim({ min: null, max: 5 }), buildClaim({ min: 3, max: 3 })], sources)[0]).toMatchObject({ min: 3, max: 5 })
  })

  it('ignores rejected claims and counts publishers, not documents', () => {
    const figures = reconcile(
      [buildClaim({ min: 4, max: 4 }), buildClaim({ sourceId: 'src_c', min: 6, max: 6 }), buildClaim({ sourceId: 'src_b', min: 100, max: 100, status: 'rejected' })],
      sources,
    )
    expect(figures[0]).toMatchObject({ min: 4, max: 6, sources: 1 })
  })

  it('counts a source without publisher as its own voice', () => {
    expect(reconcile([buildClaim({ sourceId: 'src_x' }), buildClaim({ sourceId: 'src_y' })], [])[0]!.sources).toBe(2)
  })

  it('gives one figure per (measure, category) in vocabulary order', () => {
    const figures = reconcile([buildClaim({ category: 'civilians' }), buildClaim({ measure: 'injured' }), buildClaim({ category: 'total' })], sources)
    expect(figures.map((f) => `${f.measure}/${f.category}`)).toEqual(['killed/total', 'killed/civilians', 'injured/total'])
  })

  it('property: every counting claim reports figures inside the reconciled range', () => {
    const bound = fc.option(fc.nat(50), { nil: null })
    const arbClaim = fc.tuple(bound, bound).map(([x, y]) => (x !== null && y !== null && x > y ? buildClaim({ min: y, max: x }) : buildClaim({ min: x, max: y })))
    fc.assert(
      fc.property(fc.array(arbClaim, { minLength: 1, maxLength: 6 }), (claims) => {
        const f = reconcile(claims, sources)[0]!
        return claims.every((c) => {
          const l = c.min ?? c.max, h = c.max ?? c.min
          const lowOk = c.min === null || f.min === null ? true : (l ?? 0) >= f.min
          const highOk = f.max === null || h === null || h <= f.max
          return lowOk && highOk && (f.max !== null || claims.every((x) => x.max === null))
        })
      }),
    )
  })
})

describe('invariantFindings', () => {
  it('reports civilians above the total, and says nothing when the sources agree', () => {
    const civ = buildClaim({ id: 'civ', category: 'civilians', min: 10, max: 10, claimant: 'Airwars' })
    const tot = buildClaim({ id: 'tot', category: 'total', min: 6, max: 6, claimant: 'Army' })
    const claims = new Map([civ, tot].map((c) => [c.id, c]))
    const [f, ...rest] = invariantFindings(reconcile([civ, tot], sources), claims)
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'contradiction', category: 'civilians', claims: ['civ', 'tot'], claimants: ['Airwars', 'Army'], arithmetic: '10 > 6' })
    const ok = buildClaim({ id: asClaimId('tot2'), category: 'total', min: 12, max: 12 })
    expect(invariantFindings(reconcile([civ, ok], sources), claims)).toEqual([])
  })

  it('checks children against civilians', () => {
    const kids = buildClaim({ category: 'children', min: 5, max: 5 })
    const civ = buildClaim({ category: 'civilians', min: 3, max: 3 })
    expect(invariantFindings(reconcile([kids, civ], sources), new Map()).map((f) => f.arithmetic)).toEqual(['5 > 3'])
  })
})
