/**
 * @module Disputes at one strike, end to end on paragraphs written for these tests in the style of wire and NGO
 * reports (test/fixtures/disputes/paragraphs.json): extraction, then reconciliation of the strike's figures and the
 * findings checking gives, as `reckon extract --check` shows them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Claim } from '../domain/claim.js'
import { extract } from '../extraction/index.js'
import { reconcile } from '../reconciliation/index.js'
import { checkDrafts } from './check-document.js'

interface Paragraph {
  readonly id: string
  readonly case: string
  readonly text: string
  readonly findings: readonly string[]
  readonly between?: readonly string[]
  readonly killed?: readonly [number | null, number | null]
  readonly civilians?: readonly [number | null, number | null]
  readonly zeros?: readonly (readonly [string, string, string])[]
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'disputes', 'paragraphs.json'), 'utf8')) as {
  published: string
  paragraphs: Paragraph[]
}

/** The figures of the strike the paragraph tells: its incident claims' reconciliation. */
function figuresOf(claims: readonly Claim[]): Map<string, [number | null, number | null]> {
  const incident = claims.filter((c) => c.scope === 'incident' && c.eventKey === claims.find((x) => x.scope === 'incident')?.eventKey)
  return new Map(reconcile(incident, []).map((f) => [`${f.measure}/${f.category}`, [f.min, f.max]]))
}

describe('disputes at one strike, on written paragraphs', () => {
  it('covers at least 25 paragraphs', () => {
    expect(fixture.paragraphs.length).toBeGreaterThanOrEqual(25)
  })

  for (const p of fixture.paragraphs) {
    it(`${p.id}: ${p.case}`, () => {
      const drafts = extract(p.text, { published: fixture.published }).claims
      const { claims, findings } = checkDrafts(drafts, fixture.published)
      expect(findings.map((f) => f.kind).sort()).toEqual([...p.findings].sort())
      for (const name of p.between ?? []) {
        const named = findings.some((f) => f.claimants.some((c) => c?.toLowerCase().includes(name)))
        expect(named, `a finding names ${name}: ${findings.map((f) => f.summary).join(' | ')}`).toBe(true)
      }
      // Every finding quotes the claims it rests on, two at least.
      for (const f of findings) expect(f.claims.length).toBeGreaterThanOrEqual(2)
      const figures = figuresOf(claims)
      if (p.killed) expect(figures.get('killed/total')).toEqual(p.killed)
      if (p.civilians) expect(figures.get('killed/civilians')).toEqual(p.civilians)
      for (const [measure, category, zero] of p.zeros ?? []) {
        expect(claims.some((c) => c.measure === measure && c.category === category && c.min === 0 && c.max === 0 && c.zero === zero), `${zero} 0 ${category} ${measure}`).toBe(true)
      }
    })
  }
})
