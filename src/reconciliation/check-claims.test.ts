import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Category, Claim } from '../domain/index.js'
import { checkClaims } from './check-claims.js'
import { reconcile } from './reconcile.js'
import { regionContains, regionOfPlace } from './scope.js'
import { buildClaim, type ClaimInput } from './test-helpers/build-claim.js'

const agg = (input: ClaimInput) => buildClaim({ scope: 'aggregate', qualifier: 'exact', ...input })
const kinds = (claims: Claim[]) => checkClaims(claims).map((f) => `${f.kind}:${[...f.claims].sort().join(',')}`)

describe('checkClaims: contradictions', () => {
  it('sums incidents inside a period against an upper bound on it', () => {
    const claims = [
      agg({ id: 'cap', category: 'civilians', min: 0, max: 10, from: '2012-01-01', to: '2012-12-31', claimant: 'Army' }),
      buildClaim({ id: 'i1', category: 'civilians', min: 6, max: 6, from: '2012-03-01', claimant: 'NGO' }),
      buildClaim({ id: 'i2', category: 'civilians', min: 5, max: 5, from: '2012-06-01', claimant: 'NGO' }),
      buildClaim({ id: 'i3', category: 'civilians', min: 50, max: 50, from: '2013-06-01', claimant: 'NGO' }),
    ]
    const [f, ...rest] = checkClaims(claims)
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'contradiction', claims: ['cap', 'i1', 'i2'], arithmetic: '6 + 5 = 11 > 10' })
    expect(f!.summary).toBe('Army: at most 10 civilians killed, in 2012; NGO: 6 + 5 = 11 civilians killed in 2 strikes')
  })

  it('counts an incident once however many claims describe it, at its lowest report', () => {
    const cap = agg({ id: 'cap', min: 0, max: 7, from: '2012-01-01', to: '2012-12-31' })
    const a = buildClaim({ incidentId: 'inc_1', min: 8, max: null, from: '2012-03-01' })
    const b = buildClaim({ incidentId: 'inc_1', min: 5, max: 5, from: '2012-03-01', sourceId: 'src_b' })
    // ("At least 8" against "5" is a figure dispute between the two sources' own voices, not a contradiction.)
    const contradictions = (cs: Parameters<typeof checkClaims>[0]): unknown[] => checkClaims(cs).filter((f) => f.kind === 'contradiction')
    expect(contradictions([cap, a, b])).toEqual([])
    expect(checkClaims([cap, a, b]).map((f) => f.kind)).toEqual(['figure_dispute'])
    expect(contradictions([cap, a])).toHaveLength(1)
    // Same source, same eventKey: one incident too.
    const c = buildClaim({ eventKey: 'e1', min: 4, max: 4, from: '2012-03-01' })
    const d = buildClaim({ eventKey: 'e1', min: 4, max: 4, from: '2012-03-01' })
    expect(checkClaims([cap, c, d])).toEqual([])
  })

  it('nests sub-periods and sub-regions, and leaves other regions and periods alone', () => {
    const cap = agg({ id: 'cap', min: 0, max: 3, from: '2012-01-01', to: '2012-12-31', country: 'PK' })
    const inside = buildClaim({ id: 'in', min: 5, max: 5, from: '2012-05-05', country: 'PK', admin1: 'North Waziristan' })
    const otherCountry = buildClaim({ id: 'ye', min: 5, max: 5, from: '2012-05-05', country: 'YE' })
    const unplaced = buildClaim({ id: 'np', min: 5, max: 5, from: '2012-05-05' })
    const later = buildClaim({ id: 'late', min: 5, max: 5, from: '2013-01-01', country: 'PK' })
    const straddling = buildClaim({ id: 'str', min: 5, max: 5, from: '2012-12-31', to: '2013-01-02', country: 'PK' })
    expect(kinds([cap, inside])).toEqual(['contradiction:cap,in'])
    expect(kinds([cap, otherCountry, unplaced, later, straddling])).toEqual([])
    const subCap = agg({ id: 'sub', min: 0, max: 3, from: '2012-05-01', to: '2012-05-31', country: 'PK', admin1: 'north  waziristan' })
    expect(kinds([subCap, inside])).toEqual(['contradiction:in,sub'])
  })

  it('treats an aggregate over a sub-period as a lower bound inside a containing period', () => {
    const year = agg({ id: 'year', min: 10, max: 10, from: '2012-01-01', to: '2012-12-31', claimant: 'A' })
    const month = agg({ id: 'month', min: 12, max: 12, from: '2012-02-01', to: '2012-02-29', claimant: 'B' })
    expect(kinds([year, month])).toEqual(['contradiction:month,year'])
  })

  it('compares aggregates about the same scope from different claimants', () => {
    const a = agg({ id: 'a', min: 67, max: 67, from: '2008-01-01', to: null, claimant: 'Ministry' })
    const b = agg({ id: 'b', min: 100, max: null, from: '2008-01-01', to: null, claimant: 'UN' })
    expect(kinds([a, b])).toEqual(['contradiction:a,b'])
  })

  it('lets parts count against their whole: children inside civilians inside total', () => {
    const cap = agg({ id: 'cap', category: 'total', min: 0, max: 2, from: '2012-01-01', to: '2012-12-31' })
    const kids = buildClaim({ id: 'kids', category: 'children', min: 3, max: 3, from: '2012-04-04' })
    expect(kinds([cap, kids])).toEqual(['contradiction:cap,kids'])
    const militantsCap = agg({ id: 'mc', category: 'militants', min: 0, max: 2, from: '2012-01-01', to: '2012-12-31' })
    expect(kinds([militantsCap, kids])).toEqual([])
  })

  it('does not use a bundle ("two strikes killed 19") as an upper bound', () => {
    const bundle = agg({ id: 'bundle', min: 19, max: 19, incidents: 2, from: '2012-01-01', to: '2012-12-31' })
    const more = buildClaim({ id: 'i', min: 30, max: 30, from: '2012-02-02' })
    expect(kinds([bundle, more])).toEqual([])
  })

  it('lets a bundle bound its scope when its claimant says those were all the strikes there', () => {
    const zero = agg({ id: 'zero', category: 'civilians', min: 0, max: 0, incidents: 59, from: '2012-01-01', to: '2013-12-31', claimant: 'Ministry' })
    const inc = buildClaim({ id: 'inc', category: 'civilians', min: 3, max: 3, from: '2012-05-05', claimant: 'NGO' })
    expect(kinds([zero, inc])).toEqual([])
    const all = agg({ id: 'all', measure: 'strikes', min: 59, max: 59, from: '2012-01-01', to: '2013-12-31', claimant: 'Ministry' })
    expect(kinds([zero, inc, all])).toEqual(['contradiction:inc,zero'])
    const atLeast = { ...all, max: null, qualifier: 'at_least' as const }
    expect(kinds([zero, inc, atLeast])).toEqual([])
  })

  it('breaks a bundle down into its strikes when another copy of the report shares those strikes', () => {
    // The same article stored twice (text and PDF): its two strikes are one incident each, holding both copies' claims.
    const copy = (src: string) => [
      agg({ id: `zero-${src}`, sourceId: `src_${src}`, category: 'civilians', min: 0, max: 0, from: '2012-01-01', to: '2013-12-31', claimant: 'Ministry' }),
      agg({ id: `bundle-${src}`, sourceId: `src_${src}`, category: 'civilians', min: 19, max: 19, incidents: 2, from: '2012-01-01', to: '2012-12-31', claimant: 'Amnesty' }),
      buildClaim({ id: `a-${src}`, sourceId: `src_${src}`, incidentId: 'inc_a', category: 'civilians', min: 18, max: 18, from: '2012-01-01', to: '2012-12-31', claimant: 'Amnesty' }),
      buildClaim({ id: `b-${src}`, sourceId: `src_${src}`, incidentId: 'inc_b', category: 'civilians', min: 1, max: 1, from: '2012-01-01', to: '2012-12-31', claimant: 'Amnesty' }),
    ]
    const found = checkClaims([...copy('txt'), ...copy('pdf')]).filter((f) => f.kind === 'contradiction')
    expect(found.map((f) => f.arithmetic)).toEqual(['18 + 1 = 19 > 0', '18 + 1 = 19 > 0'])
  })

  it('ends an open period at its source\'s publication date when told it', () => {
    const since = agg({ id: 'since', min: 0, max: 0, from: '2012-01-01', to: null, claimant: 'Army' })
    const later = buildClaim({ id: 'later', min: 4, max: 4, from: '2014-02-02', claimant: 'NGO' })
    expect(kinds([since, later])).toEqual(['contradiction:later,since'])
    expect(checkClaims([since, later], { publishedOf: () => '2013-11-04' })).toEqual([])
  })

  it('keeps the conflicting set small: one large piece of evidence beats many small ones', () => {
    const cap = agg({ id: 'cap', min: 0, max: 10, from: '2012-01-01', to: '2012-12-31', claimant: 'X' })
    const small = [1, 2, 3, 4, 5].map((n) => buildClaim({ id: `s${n}`, min: n, max: n, from: `2012-0${n}-01` }))
    const big = buildClaim({ id: 'big', min: 11, max: 11, from: '2012-08-01' })
    expect(kinds([cap, ...small, big])).toEqual(['contradiction:big,cap'])
    expect(kinds([cap, ...small])).toEqual(['contradiction:cap,s3,s4,s5'])
  })

  it('ignores rejected claims on both sides', () => {
    const cap = agg({ id: 'cap', min: 0, max: 0, from: '2012-01-01', to: '2012-12-31' })
    const inc = buildClaim({ id: 'inc', min: 4, max: 4, from: '2012-02-02' })
    expect(kinds([{ ...cap, status: 'rejected' }, inc])).toEqual([])
    expect(kinds([cap, { ...inc, status: 'rejected' }])).toEqual([])
  })

  it('reports an incident whose civilians exceed its total', () => {
    const civ = buildClaim({ id: 'civ', incidentId: 'inc_1', category: 'civilians', min: 9, max: 9, from: '2012-02-02', claimant: 'NGO' })
    const tot = buildClaim({ id: 'tot', incidentId: 'inc_1', category: 'total', min: 4, max: 4, from: '2012-02-02', claimant: 'Army' })
    const [f, ...rest] = checkClaims([civ, tot])
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'contradiction', claims: ['civ', 'tot'], claimants: ['NGO', 'Army'], arithmetic: '9 > 4' })
  })
})

describe('checkClaims: tensions', () => {
  it('implies a figure for the uncovered part, only between different claimant groups', () => {
    const since = agg({ id: 'since', category: 'civilians', min: 67, max: 67, from: '2008-01-01', to: null, claimant: 'Pakistan Ministry of Defence' })
    const overall = agg({ id: 'all', category: 'civilians', min: 400, max: null, claimant: 'UN rapporteur' })
    const [f, ...rest] = checkClaims([since, overall])
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'tension', arithmetic: '400 − 67 = 333', implied: { range: { min: 333, max: null }, period: { start: null, end: '2007-12-31' } } })
    const sameGroup = agg({ id: 'all', category: 'civilians', min: 400, max: null, claimant: "Pakistan's Foreign Ministry" })
    expect(checkClaims([since, sameGroup])).toEqual([])
  })

  it('collapses one group to its widest covered scope', () => {
    const overall = agg({ id: 'all', min: 400, max: null, claimant: 'UN' })
    const g1 = agg({ id: 'g1', min: 67, max: 67, from: '2008-01-01', to: null, claimant: 'Pakistan government' })
    const g2 = agg({ id: 'g2', min: 0, max: 0, from: '2012-01-01', to: '2013-12-31', claimant: 'Pakistan army' })
    const other = agg({ id: 'o', min: 10, max: 10, from: '2005-01-01', to: '2005-12-31', claimant: 'Airwars' })
    expect(kinds([overall, g1, g2, other]).sort()).toEqual(['tension:all,g1', 'tension:all,o'])
  })

  it('describes a region left uncovered', () => {
    const world = agg({ id: 'w', min: 50, max: null, from: '2012-01-01', to: '2012-12-31', claimant: 'A' })
    const pk = agg({ id: 'pk', min: 20, max: 20, from: '2012-01-01', to: '2012-12-31', country: 'PK', claimant: 'B' })
    const [f] = checkClaims([world, pk])
    expect(f!.summary).toContain('at least 30 people killed outside PK')
  })
})

// A direct restatement of the contradiction rule, pairwise and slow, to check the indexed implementation against.
function referenceBroken(claims: Claim[]): string[] {
  const live = claims.filter((c) => c.status !== 'rejected')
  const parts: Record<Category, Category[]> = {
    total: ['total', 'civilians', 'children', 'women', 'militants', 'security', 'men'],
    civilians: ['civilians', 'children', 'women'],
    children: ['children'],
    women: ['women'],
    militants: ['militants'],
    security: ['security'],
    unknown: ['unknown'],
    men: ['men'],
  }
  const incidents = new Map<string, Claim[]>()
  for (const c of live.filter((c) => c.scope === 'incident')) {
    const k = `${c.incidentId ?? c.id}|${c.measure}|${c.category}`
    incidents.set(k, [...(incidents.get(k) ?? []), c])
  }
  const ord = (d: string | null, open: number) => (d === null ? open : Date.parse(d))
  const inside = (outer: Claim, start: number, end: number, region: readonly string[]) =>
    ord(outer.period.start, -Infinity) <= start && end <= ord(outer.period.end, Infinity) && regionContains(regionOfPlace(outer.place), region)
  const broken: string[] = []
  for (const u of live) {
    if (u.scope !== 'aggregate' || u.incidents !== null || u.max === null) continue
    let best = 0
    for (const cat of parts[u.category]) {
      let sum = 0
      for (const group of incidents.values()) {
        if (group[0]!.category !== cat || group[0]!.measure !== u.measure) continue
        const start = Math.min(...group.map((c) => ord(c.period.start, -Infinity)))
        const end = Math.max(...group.map((c) => ord(c.period.end, Infinity)))
        const paths = group.map((c) => regionOfPlace(c.place))
        const region = paths.reduce((a, b) => a.filter((x, i) => b[i] === x))
        // The low of the group's own figure: a group of parts alone also gets a derived total, which is not this.
        if (inside(u, start, end, region)) sum += reconcile(group, []).find((f) => f.category === cat)!.min ?? 0
      }
      best = Math.max(best, sum)
      for (const a of live) {
        if (a === u || a.scope !== 'aggregate' || a.category !== cat || a.measure !== u.measure) continue
        if (inside(u, ord(a.period.start, -Infinity), ord(a.period.end, Infinity), regionOfPlace(a.place))) best = Math.max(best, a.min ?? 0)
      }
    }
    if (best > u.max) broken.push(u.id)
  }
  return broken.sort()
}

describe('checkClaims: property against a pairwise reference', () => {
  const date = fc.constantFrom('2012-01-01', '2012-01-15', '2012-02-01', '2012-02-10', '2012-03-31', '2012-06-30')
  const where = fc.constantFrom<[string | null, string | null]>([null, null], ['PK', null], ['PK', 'A'], ['PK', 'B'], ['YE', null])
  const category = fc.constantFrom<Category>('total', 'civilians', 'children', 'militants')
  const n = fc.nat(12)
  const incident = fc.record({ inc: fc.nat(6), d1: date, span: fc.nat(3), where, category, lo: n, open: fc.boolean(), rejected: fc.boolean() })
  const aggregate = fc.record({ from: fc.option(date, { nil: null }), to: fc.option(date, { nil: null }), where, category, lo: n, extra: fc.option(n, { nil: null }) })

  it('flags exactly the upper bounds the pairwise reference flags', () => {
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 12 }), fc.array(aggregate, { maxLength: 6 }), (incs, aggs) => {
        let k = 0
        const claims: Claim[] = [
          ...incs.map((i) =>
            buildClaim({
              id: `i${k++}`,
              incidentId: `inc_${i.inc}`,
              category: i.category,
              min: i.lo,
              max: i.open ? null : i.lo,
              from: i.d1,
              to: i.span === 0 ? i.d1 : `2012-${String(6 + i.span).padStart(2, '0')}-30`,
              country: i.where[0],
              admin1: i.where[1],
              status: i.rejected ? 'rejected' : 'accepted',
            }),
          ),
          ...aggs.map((a) => {
            const [from, to] = a.from !== null && a.to !== null && a.to < a.from ? [a.to, a.from] : [a.from, a.to]
            return agg({ id: `a${k++}`, category: a.category, min: a.lo, max: a.extra === null ? null : a.lo + a.extra, from, to, country: a.where[0], admin1: a.where[1] })
          }),
        ]
        const ids = new Set(claims.filter((c) => c.scope === 'aggregate').map((c) => c.id as string))
        const flagged = checkClaims(claims, { regionOf: regionOfPlace })
          .filter((f) => f.kind === 'contradiction' && ids.has(f.claims[0]!))
          .map((f) => f.claims[0]!)
          .sort()
        expect(flagged).toEqual(referenceBroken(claims))
      }),
      { numRuns: 300 },
    )
  })
})
