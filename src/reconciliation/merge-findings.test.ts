/** @module Equivalent findings merge into one over all their claims; different ones stay apart. */
import { describe, expect, it } from 'vitest'
import type { ClaimId, Finding } from '../domain/index.js'
import { findingId } from './finding-id.js'
import { mergeEquivalentFindings } from './merge-findings.js'

const finding = (claims: string[], summary = 'Ministry: 0 civilians killed, 2012–2013; Amnesty: 19 civilians killed'): Finding => ({
  id: findingId('contradiction', claims),
  kind: 'contradiction',
  measure: 'killed',
  category: 'civilians',
  claims: claims as ClaimId[],
  claimants: ['Ministry', 'Amnesty'],
  summary,
  arithmetic: '18 + 1 = 19 > 0',
})

describe('mergeEquivalentFindings', () => {
  it('shows one finding for the same disagreement found in two copies of an article, backed by every claim', () => {
    const merged = mergeEquivalentFindings([finding(['a1', 'b1']), finding(['a2', 'b2'])])
    expect(merged).toHaveLength(1)
    expect([...merged[0]!.claims].sort()).toEqual(['a1', 'a2', 'b1', 'b2'])
    expect(merged[0]!.id).toBe(findingId('contradiction', ['a1', 'a2', 'b1', 'b2']))
    expect(merged[0]!.claimants).toEqual(['Ministry', 'Amnesty'])
  })

  it('keeps findings that differ in what they say, and leaves single ones untouched', () => {
    const a = finding(['a1', 'b1'])
    const b = finding(['a3', 'b3'], 'Government: 0 civilians killed, 2012–2013; Amnesty: 19 civilians killed')
    expect(mergeEquivalentFindings([a, b])).toEqual([a, b])
  })
})
