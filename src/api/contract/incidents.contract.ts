/** @module The API suite, listing, filtering, merging, splitting and totalling incidents. */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are checked by expect(), not by types */
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../importers/csv.js'
import type { Store } from '../../storage/store.js'
import type { ApiHarness, Json } from './api-harness.js'

/** Registers the suite's tests of listing, filtering, merging, splitting and totalling incidents. */
export function incidentsContract(h: ApiHarness): void {
  const { call, article } = h
  describe('incidents', () => {
    let store: Store
    beforeAll(() => {
      store = h.store
    })

    it('lists, filters, merges and splits incidents, and totals them', async () => {
      const ids: string[] = []
      for (const [n, date] of [
        [2, '2016-05-01'],
        [5, '2016-05-02'],
        [11, '2016-06-10'],
      ] as const) {
        const p = await call('POST', '/api/sources', { token: 'editor', json: article(n, date) })
        const m = await call('POST', `/api/claims/${p.json.claims[0].id}/move`, { token: 'editor', json: { incidentId: null, reason: 'new strike' } })
        ids.push(m.json.incidentId as string)
      }
      const list = await call('GET', '/api/incidents?from=2016-05-01&to=2016-06-30&country=pk&sort=date')
      expect(list.status).toBe(200)
      expect(list.json.items.map((i: Json) => i.id)).toEqual(ids)
      // A country name reads as its code; one naming no country is refused with suggestions, never an empty list.
      const byName = await call('GET', '/api/incidents?from=2016-05-01&to=2016-06-30&country=Pakistan&sort=date')
      expect(byName.json.items.map((i: Json) => i.id)).toEqual(ids)
      const typo = await call('GET', '/api/incidents?country=Pakistn')
      expect(typo.status).toBe(400)
      expect(typo.json.error.message).toMatch(/"Pakistn" is not a country; did you mean Pakistan \(PK\)/)
      expect((await call('GET', '/api/export/incidents.csv?country=Narnia')).status).toBe(400)
      const named = await call('GET', '/api/export/incidents.geojson?country=Pakistan&from=2016-05-01&to=2016-06-30')
      expect(named.headers.get('content-disposition')).toBe('attachment; filename="reckon-incidents-PK-2016-05-01_2016-06-30.geojson"')
      // An editor corrects the place and grades the strike; each change is a revision with its reason.
      const dattaKhel = { name: 'Datta Khel', admin1: 'North Waziristan', admin2: null, country: 'PK', lat: 32.95, lon: 69.85, precision: 'locality' }
      const edited = await call('PATCH', `/api/incidents/${ids[2]}`, { token: 'editor', json: { patch: { place: dattaKhel, grade: 'fair', date: { start: '2016-06-10', end: '2016-06-10', precision: 'day' } }, reason: 'the report names the village; one credible source' } })
      expect(edited.status).toBe(200)
      expect(edited.json).toMatchObject({ place: { name: 'Datta Khel', precision: 'locality' }, grade: 'fair' })
      const edits = (await call('GET', `/api/incidents/${ids[2]}`)).json.revisions as Json[]
      expect(edits.find((r: Json) => r.action === 'update')).toMatchObject({ actor: 'editor-alice', why: 'the report names the village; one credible source' })
      expect((await call('PATCH', `/api/incidents/${ids[2]}`, { token: 'viewer', json: { patch: { grade: 'weak' }, reason: 'x' } })).status).toBe(403)
      const backwards = await call('PATCH', `/api/incidents/${ids[2]}`, { token: 'editor', json: { patch: { date: { start: '2016-06-10', end: '2016-06-01', precision: 'span' } }, reason: 'x' } })
      expect(backwards.status).toBe(400)
      expect((await call('PATCH', `/api/incidents/${ids[2]}`, { token: 'editor', json: { patch: { grade: 'fair' } } })).status).toBe(400)
      // The grader's reason: the change's reason when none is given apart, its own when given; notes beside it.
      expect(edited.json.gradeReason).toBe('the report names the village; one credible source')
      const noted = await call('PATCH', `/api/incidents/${ids[2]}`, {
        token: 'editor',
        json: { patch: { grade: 'weak', gradeReason: 'one local source only', strikeStatus: 'likely', belligerent: ' United States ', summary: 'A vehicle was hit near Datta Khel.' }, reason: 'regraded after review' },
      })
      expect(noted.status).toBe(200)
      expect(noted.json).toMatchObject({ grade: 'weak', gradeReason: 'one local source only', strikeStatus: 'likely', belligerent: 'United States', summary: 'A vehicle was hit near Datta Khel.' })
      expect((await call('PATCH', `/api/incidents/${ids[2]}`, { token: 'editor', json: { patch: { strikeStatus: 'certain' }, reason: 'x' } })).json.error.field).toBe('body.patch.strikeStatus')
      const noted2 = (await call('GET', `/api/incidents/${ids[2]}`)).json.revisions as Json[]
      expect(noted2[0]).toMatchObject({ why: 'regraded after review', before: { grade: 'fair', strikeStatus: null }, after: { grade: 'weak', strikeStatus: 'likely' } })
      const notedCsv = parseCsv((await call('GET', '/api/export/incidents.csv?from=2016-06-10&to=2016-06-10&country=PK')).text)
      const col = (name: string): string => notedCsv[1]![notedCsv[0]!.indexOf(name)]!
      expect([col('strike_status'), col('belligerent'), col('grade'), col('grade_reason'), col('summary')]).toEqual(['likely', 'United States', 'weak', 'one local source only', 'A vehicle was hit near Datta Khel.'])
      const ungraded = await call('PATCH', `/api/incidents/${ids[2]}`, { token: 'editor', json: { patch: { grade: null }, reason: 'grading withdrawn' } })
      expect(ungraded.json).toMatchObject({ grade: null, gradeReason: null })
      // Search finds the incidents through the words of their reports, with the matching words marked.
      const searched = await call('GET', `/api/search?q=${encodeURIComponent('drone Miranshah')}&limit=50`)
      expect(searched.status).toBe(200)
      expect(searched.json.incidents.map((x: Json) => x.incident.id)).toEqual(expect.arrayContaining(ids))
      expect(searched.json.sources.items[0].snippet).toMatch(/«Miranshah»/)
      expect((await call('GET', '/api/search?q=')).status).toBe(400)
      // The gazetteer for pickers: every country for the country box, a village searched by the start of its name.
      const countries = await call('GET', '/api/places?kind=country&limit=500')
      expect(countries.json.items.find((c: Json) => c.id === 'PK')?.place).toMatchObject({ name: 'Pakistan', precision: 'country' })
      const village = await call('GET', '/api/places?q=miransh')
      expect(village.json.items[0].place).toMatchObject({ name: 'Miranshah', admin1: 'North Waziristan', country: 'PK', precision: 'locality' })
      const paged = await call('GET', '/api/incidents?from=2016-05-01&to=2016-06-30&sort=date&limit=1&offset=1')
      expect(paged.json).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: ids[1] }] })
      const big = await call('GET', '/api/incidents?from=2016-05-01&to=2016-06-30&minCasualties=5&sort=date')
      expect(big.json.items.map((i: Json) => i.id)).toEqual([ids[1], ids[2]])
      const totals = await call('GET', '/api/totals?groupBy=month&from=2016-05-01&to=2016-06-30')
      expect(totals.json.rows.filter((r: Json) => r.measure === 'killed' && r.category === 'total')).toEqual([
        { group: '2016-05', measure: 'killed', category: 'total', low: 7, high: 7, incidents: 2 },
        { group: '2016-06', measure: 'killed', category: 'total', low: 11, high: 11, incidents: 1 },
      ])
      expect(totals.json.notByMonth).toEqual([])
      // An incident dated only to a year is summed apart, under its year, never in January.
      const yearOnly = await call('POST', '/api/sources', { token: 'editor', json: article(4, '2009-07-01') })
      const yearIncident = (await call('POST', `/api/claims/${yearOnly.json.claims[0].id}/move`, { token: 'editor', json: { incidentId: null, reason: 'new strike' } })).json.incidentId as string
      await store.incidents.update(yearIncident as never, { date: { start: '2009-01-01', end: '2009-12-31', precision: 'year' } }, { actor: 'test' })
      const byMonth = await call('GET', '/api/totals?groupBy=month&from=2009-01-01&to=2009-12-31&category=total')
      expect(byMonth.json).toMatchObject({ rows: [], notByMonth: [{ group: '2009', measure: 'killed', category: 'total', low: 4, high: 4, incidents: 1 }] })
      const byYear = await call('GET', '/api/totals?groupBy=year&from=2009-01-01&to=2009-12-31&category=total')
      expect(byYear.json).toMatchObject({ rows: [{ group: '2009', low: 4, incidents: 1 }], notByMonth: [] })
      const sameUrl = '/api/incidents?from=2016-05-01&to=2016-05-31'
      expect((await call('GET', sameUrl)).json.total).toBe(2)
      const merged = await call('POST', `/api/incidents/${ids[1]}/merge`, { token: 'editor', json: { into: ids[0], reason: 'same strike, two reports' } })
      expect(merged.status).toBe(200)
      expect(merged.json.figures).toContainEqual(expect.objectContaining({ measure: 'killed', category: 'total', min: 2, max: 5 }))
      // The same URL again: the write emptied the read cache, so the merged incident is gone at once.
      const gone = await call('GET', sameUrl)
      expect(gone.json.items.map((i: Json) => i.id)).toEqual([ids[0]])
      const suggestions = await call('GET', `/api/claims/${merged.json.links[0].claimId}/suggestions`)
      expect(suggestions.json[0].incident.id).toBe(ids[0])
      const moveAway = merged.json.links.find((l: Json) => l.reason === 'same strike, two reports' || true).claimId as string
      const split = await call('POST', `/api/incidents/${ids[0]}/split`, { token: 'editor', json: { claimIds: [moveAway], reason: 'two strikes after all' } })
      expect(split.status).toBe(201)
      expect(split.json.to.links.map((l: Json) => l.claimId)).toEqual([moveAway])
      expect(split.json.from.links.map((l: Json) => l.claimId)).not.toContain(moveAway)
      const notIn = await call('POST', `/api/incidents/${ids[2]}/split`, { token: 'editor', json: { claimIds: [moveAway], reason: 'x' } })
      expect(notIn.json.error.field).toBe('body.claimIds.0')
      const history = await call('GET', `/api/incidents/${ids[1]}`)
      expect(history.json.incident).toMatchObject({ status: 'merged', mergedInto: ids[0] })
      expect(history.json.revisions.some((r: Json) => r.actor === 'editor-alice' && r.why === 'same strike, two reports')).toBe(true)
    })

  })
}
