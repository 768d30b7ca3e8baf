import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { reconcile } from './reconcile.js'
import { buildClaim } from './test-helpers/build-claim.js'

const sources = [
  { id: 'src_a', publisher: 'Dawn' },
  { id: 'src_b', publisher: 'Reuters' },
  { id: 'src_c', publisher: 'dawn ' },
]

describe('reconcile', () => {
  it('takes the lowest low and the highest high, naming the claims behind each', () => {
    const a = buildClaim({ id: 'a', min: 8, max: 10, qualifier: 'range' })
    const b = buildClaim({ id: 'b', sourceId: 'src_b', min: 5, max: 5 })
    const [f] = reconcile([a, b], sources)
    expect(f).toMatchObject({ measure: 'killed', category: 'total', min: 5, max: 10, lowClaims: ['b'], highClaims: ['a'], claims: ['a', 'b'], sources: 2 })
  })

  it('keeps the high end open beside an open claim: "at least 8" and "five" give 5 and more, never a closed 5–8', () => {
    const a = buildClaim({ id: 'a', min: 8, max: null, qualifier: 'at_least' })
    const b = buildClaim({ id: 'b', sourceId: 'src_b', min: 5, max: 5 })
    expect(reconcile([a, b], sources)[0]).toMatchObject({ min: 5, max: null, lowClaims: ['b'], highClaims: ['a'] })
  })

  it('leaves a side open only when no claim bounds it', () => {
    expect(reconcile([buildClaim({ min: 8, max: null })], sources)[0]).toMatchObject({ min: 8, max: null })
    expect(reconcile([buildClaim({ min: 8, max: null }), buildClaim({ min: 12, max: null })], sources)[0]).toMatchObject({ min: 8, max: null })
    expect(reconcile([buildClaim({ min: 8, max: null }), buildClaim({ min: 3, max: 10 })], sources)[0]).toMatchObject({ min: 3, max: null })
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
          const open = claims.some((x) => x.max === null && x.min !== null) || claims.every((x) => x.max === null)
          return lowOk && highOk && (f.max === null) === open
        })
      }),
    )
  })
})

describe('reconcile keeps parts within their wholes', () => {
  it('caps a part at its whole and traces the cap to the claims that set it', () => {
    const tot = buildClaim({ id: 'tot', min: 5, max: 5 })
    const civ = buildClaim({ id: 'civ', sourceId: 'src_b', category: 'civilians', min: 3, max: 10 })
    const kids = buildClaim({ id: 'kids', sourceId: 'src_b', category: 'children', min: 2, max: null, qualifier: 'at_least' })
    const [total, civilians, children] = reconcile([tot, civ, kids], sources)
    expect(total).toMatchObject({ min: 5, max: 5 })
    expect(civilians).toMatchObject({ category: 'civilians', min: 3, max: 5, lowClaims: ['civ'], highClaims: ['tot'] })
    expect(children).toMatchObject({ category: 'children', min: 2, max: 5, highClaims: ['tot'] })
    expect(civilians!.claims).toEqual(['civ', 'tot'])
  })

  it('raises a whole to its largest part', () => {
    const tot = buildClaim({ id: 'tot', min: 3, max: 10 })
    const civ = buildClaim({ id: 'civ', sourceId: 'src_b', category: 'civilians', min: 5, max: 5 })
    expect(reconcile([tot, civ], sources)[0]).toMatchObject({ category: 'total', min: 5, max: 10, lowClaims: ['civ'], highClaims: ['tot'] })
  })

  it('leaves a broken invariant as the sources give it, for checking to report', () => {
    const tot = buildClaim({ id: 'tot', min: 6, max: 6, claimant: 'Army' })
    const civ = buildClaim({ id: 'civ', sourceId: 'src_b', category: 'civilians', min: 10, max: 10, claimant: 'Airwars' })
    const [total, civilians] = reconcile([tot, civ], sources)
    expect(total).toMatchObject({ min: 6, max: 6 })
    expect(civilians).toMatchObject({ min: 10, max: 10 })
  })

  it('property: after reconciling, a part never exceeds its whole unless its lowest report already does', () => {
    const arb = fc.record({ a: fc.nat(20), b: fc.nat(20), c: fc.nat(20), d: fc.nat(20) })
    fc.assert(
      fc.property(arb, ({ a, b, c, d }) => {
        const f = reconcile(
          [buildClaim({ min: Math.min(a, b), max: Math.max(a, b) }), buildClaim({ category: 'civilians', min: Math.min(c, d), max: Math.max(c, d) })],
          sources,
        )
        const [t, v] = [f[0]!, f[1]!]
        const broken = Math.min(c, d) > Math.max(a, b)
        return broken || (v.max! <= t.max! && v.min! <= t.min!)
      }),
    )
  })
})
