/** @module The API suite, the map: every matching incident in clusters for a zoom level and box. */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { describe, expect, it } from 'vitest'
import type { ApiHarness, Json } from './api-harness.js'

/** Registers the suite's tests of GET /api/map. */
export function mapContract(h: ApiHarness): void {
  const { call, article } = h
  describe('map', () => {
    it('answers the map with every matching incident in clusters, whatever the zoom, and refuses a bad box', async () => {
      const ids: string[] = []
      for (const [n, date] of [[2, '2011-02-01'], [5, '2011-02-03'], [7, '2011-03-09']] as const) {
        const posted = await call('POST', '/api/sources', { token: 'editor', json: article(n, date) })
        const claim = posted.json.claims[0]
        // Linking may put same-place strikes days apart together; each is its own incident here.
        const own = await call('POST', `/api/claims/${claim.id}/move`, { token: 'editor', json: { incidentId: null, reason: 'a strike of its own' } })
        ids.push(own.json.incidentId as string)
      }
      const filter = 'from=2011-01-01&to=2011-12-31'
      const listed = await call('GET', `/api/incidents?${filter}`)
      const world = await call('GET', `/api/map?${filter}&zoom=0`)
      expect(world.status).toBe(200)
      expect(world.json.total).toBe(listed.json.total)
      expect(world.json.cells).toEqual([expect.objectContaining({ count: 3, killedLow: 14, killedHigh: 14, precision: 'locality' })])
      expect(world.json.cells[0].items.map((i: Json) => i.id).sort()).toEqual([...ids].sort())
      // Zoomed right in on Miranshah they are still all there (one place: one cell), and a box elsewhere counts them outside.
      const close = await call('GET', `/api/map?${filter}&zoom=12&bbox=69,32,71,34`)
      expect(close.json.cells.reduce((s: number, c: Json) => s + c.count, 0)).toBe(3)
      const away = await call('GET', `/api/map?${filter}&zoom=6&bbox=40,10,50,20`)
      expect(away.json).toMatchObject({ cells: [], outside: 3, bounds: [70.07, 33, 70.07, 33] })
      expect((await call('GET', `/api/map?${filter}&country=Pakistan`)).json.total).toBe(3)
      const bad = await call('GET', '/api/map?bbox=1,2,3')
      expect(bad.status).toBe(400)
      expect(bad.json.error.field).toBe('query.bbox')
      expect((await call('GET', '/api/map?zoom=13')).status).toBe(400)
    })
  })
}
