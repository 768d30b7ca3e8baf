/** @module The API suite, editing, accepting and rejecting claims with who and why. */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { describe, expect, it } from 'vitest'
import type { ApiHarness, Json } from './api-harness.js'

/** Registers the suite's tests of editing, accepting and rejecting claims with who and why. */
export function editsContract(h: ApiHarness): void {
  const { call, article } = h
  describe('edits', () => {
    it('records who and why for an edit, accept and reject, and re-reconciles the incident', async () => {
      const posted = await call('POST', '/api/sources', { token: 'editor', json: article(9, '2015-03-03') })
      const claimId = posted.json.claims[0].id as string
      const moved = await call('POST', `/api/claims/${claimId}/move`, { token: 'editor', json: { incidentId: null, reason: 'a strike of its own' } })
      expect(moved.status).toBe(200)
      const incidentId = moved.json.incidentId as string
      expect(incidentId).toMatch(/^inc_/)
      const edited = await call('PATCH', `/api/claims/${claimId}`, { token: 'editor', json: { edit: { min: 8, max: 10, qualifier: 'range' }, reason: 'hospital list gives 8 to 10' } })
      expect(edited.status).toBe(200)
      expect(edited.json).toMatchObject({ min: 8, max: 10 })
      const history = await call('GET', `/api/revisions?entityType=claim&entityId=${claimId}`)
      const edit = history.json.items.find((r: Json) => r.why === 'hospital list gives 8 to 10')
      expect(edit).toMatchObject({ actor: 'editor-alice', entityId: claimId })
      expect(edit.before).toMatchObject({ min: 9 })
      expect(edit.after).toMatchObject({ min: 8, max: 10 })
      const detail = await call('GET', `/api/incidents/${incidentId}`)
      expect(detail.json.incident.figures).toContainEqual(expect.objectContaining({ measure: 'killed', category: 'total', min: 8, max: 10 }))
      expect(detail.json.claims[0]).toMatchObject({ id: claimId, quote: 'killed 9 people', source: { id: posted.json.source.id, publisher: 'Dawn' } })
      expect(detail.json.sources.map((s: Json) => s.id)).toEqual([posted.json.source.id])
      // Where the strike was, as its claims set it, and the claim that sets it.
      expect(detail.json.setting).toMatchObject({ place: { name: 'Miranshah', country: 'PK' }, placeClaim: claimId, placeConflict: null })
      // Findings are reviewed by editors, with a reason: a viewer may not, and an unknown finding is 404.
      expect((await call('POST', '/api/findings/fnd_nope/dismiss', { token: 'viewer', json: { reason: 'misread' } })).status).toBe(403)
      expect((await call('POST', '/api/findings/fnd_nope/dismiss', { token: 'editor', json: { reason: 'misread' } })).status).toBe(404)
      expect((await call('POST', '/api/findings/fnd_nope/confirm', { token: 'editor', json: {} })).status).toBe(400)
      const rejected = await call('POST', `/api/claims/${claimId}/reject`, { token: 'editor', json: { reason: 'duplicate wire copy' } })
      expect(rejected.json.status).toBe('rejected')
      const after = await call('GET', `/api/incidents/${incidentId}`)
      expect(after.json.incident.figures.filter((f: Json) => f.measure === 'killed')).toEqual([])
      const why = await call('GET', `/api/revisions?entityType=claim&entityId=${claimId}`)
      expect(why.json.items[0]).toMatchObject({ actor: 'editor-alice', why: 'duplicate wire copy' })
      const accepted = await call('POST', `/api/claims/${claimId}/accept`, { token: 'admin', json: {} })
      expect(accepted.json.status).toBe('accepted')
      // The incident's history holds its claims' reviews too: who, when and why, newest first.
      const log = (await call('GET', `/api/incidents/${incidentId}`)).json.revisions as Json[]
      const claimActions = log.filter((r) => r.entityType === 'claim' && r.entityId === claimId).map((r) => [r.action, r.actor, r.why])
      expect(claimActions.slice(0, 3)).toEqual([
        ['status', expect.any(String), 'accepted'],
        ['status', 'editor-alice', 'duplicate wire copy'],
        ['edit', 'editor-alice', 'hospital list gives 8 to 10'],
      ])
      expect(log.some((r) => r.entityType === 'incident' && r.entityId === incidentId)).toBe(true)
      expect(log.map((r) => r.at)).toEqual([...log.map((r) => r.at as string)].sort().reverse())
    })

  })
}
