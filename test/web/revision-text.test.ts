/** @module Tests for the incident history's "field: before → after" lines. */
import { describe, expect, it } from 'vitest'
import { claimsAsTheyWere, revisionChanges } from '../../web/src/revision-text.js'

describe('revisionChanges', () => {
  it('lists the fields an edit changed, with before and after', () => {
    expect(revisionChanges({ min: 9, max: 9, qualifier: 'exact' }, { min: 8, max: 10, qualifier: 'exact' })).toEqual(['min: 9 → 8', 'max: 9 → 10'])
    expect(revisionChanges({ status: 'proposed' }, { status: 'accepted' })).toEqual(['status: proposed → accepted'])
    expect(revisionChanges({ claimant: null }, { claimant: 'local officials' })).toEqual(['claimant: — → local officials'])
  })

  it('lists nothing for a creation, and leaves a link reason to the why', () => {
    expect(revisionChanges(null, { id: 'clm_1', min: 3 })).toEqual([])
    expect(revisionChanges({ incidentId: null }, { incidentId: 'inc_1', reason: 'same date and place' })).toEqual(['incidentId: — → inc_1'])
  })

  it('shows structures as JSON and cuts long values', () => {
    expect(revisionChanges({ period: null }, { period: { start: '2013-01-01' } })).toEqual(['period: — → {"start":"2013-01-01"}'])
    const [line] = revisionChanges({ claimant: 'a' }, { claimant: 'x'.repeat(100) })
    expect(line!.length).toBeLessThan(80)
    expect(line!.endsWith('…')).toBe(true)
  })
})

describe('claimsAsTheyWere', () => {
  it('labels each event with the claim as it was then, undoing later edits newest first', () => {
    const current = new Map([['c1', { category: 'militants', min: 5, claimant: 'officials' }]])
    // Newest first: edited to militants after it had been accepted as a total.
    const revisions = [
      { id: 3, entityType: 'claim', entityId: 'c1', action: 'edit', before: { category: 'total' } },
      { id: 2, entityType: 'claim', entityId: 'c1', action: 'status', before: { status: 'proposed' } },
      { id: 1, entityType: 'claim', entityId: 'c1', action: 'create', before: null },
      { id: 0, entityType: 'incident', entityId: 'i1', action: 'create', before: null },
    ]
    const then = claimsAsTheyWere(revisions, current)
    expect(then.get(3)).toEqual({ category: 'militants', min: 5, claimant: 'officials' })
    expect(then.get(2)).toEqual({ category: 'total', min: 5, claimant: 'officials' })
    expect(then.get(1)).toEqual({ category: 'total', min: 5, claimant: 'officials' })
    expect(then.has(0)).toBe(false)
  })
})
