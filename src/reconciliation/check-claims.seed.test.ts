import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Category, Measure, Qualifier, Scope } from '../domain/index.js'
import { checkClaims } from './check-claims.js'
import { buildClaim } from './test-helpers/build-claim.js'

interface ExpectedClaim {
  quote_contains: string
  measure: Measure
  category: Category
  min: number | null
  max: number | null
  scope: Scope
  incidents?: number
  actor?: string
  claimant: string | null
  period?: { start?: string; end?: string }
}
interface Expected {
  claims: ExpectedClaim[]
  contradictions: { between: string[] }[]
  tensions: { between: string[] }[]
}

const expected = JSON.parse(readFileSync(new URL('../../test/fixtures/seed-expected.json', import.meta.url), 'utf8')) as Expected

function qualifierOf(c: ExpectedClaim): Qualifier {
  if (c.min !== null && c.max === null) return 'at_least'
  return c.min === c.max ? 'exact' : 'range'
}

/** The seed's claims as extraction would store them; `country` is the place every claim gets (or none). */
function seedClaims(country: string | null) {
  return expected.claims.map((c, i) =>
    buildClaim({
      id: `clm_seed${i}`,
      sourceId: 'src_seed',
      measure: c.measure,
      category: c.category,
      min: c.min,
      max: c.max,
      qualifier: qualifierOf(c),
      scope: c.scope,
      incidents: c.incidents ?? null,
      claimant: c.claimant,
      actor: c.actor ?? null,
      quote: c.quote_contains,
      from: c.period?.start ?? null,
      to: c.period?.end ?? null,
      country,
      // The grandmother killed and her grandchildren injured are one strike; every other incident claim is its own.
      eventKey: c.scope === 'incident' ? (/grand/.test(c.quote_contains) ? 'grandmother' : `e${i}`) : null,
    }),
  )
}

const pairs = (fs: { claimants: readonly (string | null)[] }[]) => fs.map((f) => [...f.claimants].sort()).sort()
const expectedPairs = (xs: { between: string[] }[]) => xs.map((x) => [...x.between].sort()).sort()

describe('checkClaims on the seed article', () => {
  it.each([['PK'], [null]])('finds exactly the expected contradictions and tension (places: %s)', (country) => {
    const findings = checkClaims(seedClaims(country))
    const contradictions = findings.filter((f) => f.kind === 'contradiction')
    const tensions = findings.filter((f) => f.kind === 'tension')
    expect(pairs(contradictions)).toEqual(expectedPairs(expected.contradictions))
    expect(pairs(tensions)).toEqual(expectedPairs(expected.tensions))
  })

  it('shows the arithmetic: 18 + 1 = 19 against 0, and 400 − 67 = 333 before 2008', () => {
    const findings = checkClaims(seedClaims('PK'))
    const ministry = findings.find((f) => f.kind === 'contradiction' && f.claimants.includes('Pakistan Ministry of Defence'))!
    expect(ministry.arithmetic).toBe('18 + 1 = 19 > 0')
    expect(ministry.summary).toContain('Pakistan Ministry of Defence: 0 civilians killed, 2012–2013')
    expect(ministry.summary).toContain('Amnesty International: 18 + 1 = 19 civilians killed in 2 strikes in 2012')
    expect(ministry.claims).toHaveLength(4)
    const tension = findings.find((f) => f.kind === 'tension')!
    expect(tension.arithmetic).toBe('400 − 67 = 333')
    expect(tension.summary).toContain('at least 333 civilians killed before 2008')
    expect(tension.implied).toMatchObject({ range: { min: 333, max: null }, period: { start: null, end: '2007-12-31' } })
  })

  it('drops a finding when a reviewer rejects the claim behind it', () => {
    const claims = seedClaims('PK').map((c) => (c.claimant === 'Ben Emmerson' ? { ...c, status: 'rejected' as const } : c))
    expect(checkClaims(claims).filter((f) => f.kind === 'tension')).toEqual([])
  })
})
