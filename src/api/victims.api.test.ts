/**
 * @module The victims API on SQLite and PostgreSQL (skipped without TEST_DATABASE_URL): victims found in a posted
 * report listed on its incident with their sources, an editor's add, edit, review and removal, and search.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- JSON answers are checked by expect(), not by types */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { openPostgresStore } from '../storage/postgres/postgres-store.js'
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js'
import type { Store } from '../storage/store.js'
import { usePgTestDatabase } from '../../test/helpers/pg-test-database.js'
import { documentUseCases } from '../app/document-use-cases.js'
import { apiDeps } from './deps.js'
import { createApp } from './app.js'
import { checkOpenApi31 } from './openapi-check.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// Our own report: a strike that killed two named men, one of them named in an Arabic transliteration.
const REPORT = {
  text: 'A drone strike hit a car near Mir Ali, North Waziristan, on Sunday, officials said. Those killed were Mohammed Hussein and Gul Rahman.',
  published: '2014-02-11',
  publisher: 'Test Wire',
  kind: 'news',
}

function victimsApiSuite(name: string, open: () => Promise<Store>): void {
  describe(`victims API on ${name}`, () => {
    let store: Store
    let app: ReturnType<typeof createApp>
    const tokens = { viewer: '', editor: '' }
    beforeAll(async () => {
      store = await open()
      for (const role of ['viewer', 'editor'] as const) tokens[role] = (await store.tokens.create(`${role}-v`, role, { actor: 'test' })).token
      app = createApp(store, loadConfig({ RECKON_RATE_LIMIT: '0' }), apiDeps(documentUseCases()), { checkResponses: true, log: () => {} })
    })
    afterAll(async () => {
      await store?.close()
    })
    const call = async (method: string, path: string, opts: { token?: keyof typeof tokens; json?: unknown } = {}) => {
      const headers: Record<string, string> = {}
      if (opts.token) headers.authorization = `Bearer ${tokens[opts.token]}`
      if (opts.json !== undefined) headers['content-type'] = 'application/json'
      const res = await app.request(path, { method, headers, ...(opts.json === undefined ? {} : { body: JSON.stringify(opts.json) }) })
      return { status: res.status, json: (await res.json()) as Json }
    }

    it('lists the victims a posted report names on its incident, found and with their sources; an editor adds, edits, reviews and removes them', async () => {
      const posted = await call('POST', '/api/sources', { token: 'editor', json: REPORT })
      expect(posted.status).toBe(201)
      const incidentId = posted.json.claims.find((c: Json) => c.incidentId !== null).incidentId as string
      const detail = await call('GET', `/api/incidents/${incidentId}`)
      expect(detail.status).toBe(200)
      expect(detail.json.victims.map((v: Json) => [v.name, v.review, v.fate])).toEqual([
        ['Mohammed Hussein', 'found', 'killed'],
        ['Gul Rahman', 'found', 'killed'],
      ])
      const [hussein, gul] = detail.json.victims as Json[]
      expect(hussein!.sources).toEqual([{ sourceId: posted.json.source.id, claimId: expect.any(String), name: 'Mohammed Hussein', span: expect.any(Object), quote: expect.stringContaining('Mohammed Hussein') }])

      // Names are hostile input: stored and returned as given, never interpreted.
      const hostile = '<img src=x onerror=alert(1)> Zarina'
      const add = (token: keyof typeof tokens, json: unknown) => call('POST', `/api/incidents/${incidentId}/victims`, { token, json })
      expect((await add('viewer', { victim: { name: hostile }, reason: 'r' })).status).toBe(403)
      expect((await add('editor', { victim: { name: hostile } })).status).toBe(400)
      expect((await add('editor', { victim: { name: 'Muhammad Husain' }, reason: 'family' })).json.error.code).toBe('conflict')
      const added = await add('editor', { victim: { name: hostile, age: 7, sex: 'female', relation: 'his niece', fate: 'injured' }, reason: 'named by her family' })
      expect(added.status).toBe(201)
      expect(added.json).toMatchObject({ name: hostile, age: 7, sex: 'female', relation: 'his niece', fate: 'injured', review: 'accepted', sources: [] })

      const edited = await call('PATCH', `/api/victims/${hussein!.id}`, { token: 'editor', json: { patch: { age: 34, relation: 'a driver' }, reason: 'second report' } })
      expect(edited.json).toMatchObject({ age: 34, relation: 'a driver', name: 'Mohammed Hussein' })
      expect((await call('PATCH', `/api/victims/${hussein!.id}`, { token: 'editor', json: { patch: {}, reason: 'x' } })).status).toBe(400)
      expect((await call('POST', `/api/victims/${hussein!.id}/review`, { token: 'editor', json: { review: 'accepted', reason: 'named by two reports' } })).json.review).toBe('accepted')
      expect((await call('POST', `/api/victims/${gul!.id}/review`, { token: 'editor', json: { review: 'rejected', reason: 'a driver who survived' } })).json.review).toBe('rejected')
      expect((await call('POST', `/api/victims/${added.json.id}/remove`, { token: 'editor', json: { reason: 'entered twice' } })).json.status).toBe('removed')
      expect((await call('GET', '/api/victims/vic_nope')).status).toBe(404)

      const after = await call('GET', `/api/incidents/${incidentId}`)
      expect(after.json.victims.map((v: Json) => [v.name, v.review])).toEqual([
        ['Mohammed Hussein', 'accepted'],
        ['Gul Rahman', 'rejected'],
      ])
      const history = (after.json.revisions as Json[]).filter((r) => r.entityType === 'victim').map((r) => [r.action, r.why])
      expect(history).toEqual(expect.arrayContaining([['edit', 'second report'], ['review', 'a driver who survived'], ['remove', 'entered twice'], ['create', 'named by her family']]))

      // Search finds a named victim in another spelling, with the incident; rejected victims are not offered.
      const found = await call('GET', `/api/search?q=${encodeURIComponent('Muhammad Husain')}`)
      expect(found.json.victims.items.map((x: Json) => [x.victim.name, x.incident.id])).toEqual([['Mohammed Hussein', incidentId]])
      expect((await call('GET', '/api/search?q=Gul')).json.victims.total).toBe(0)
    })

    it('exports named victims: one victims.csv row each (formulas neutralised, rejected left out), and inside each incident of incidents.json', async () => {
      const report = { ...REPORT, text: 'A drone strike hit a house in Datta Khel, North Waziristan, on Tuesday, residents said. Those killed were Noor Zaman and Bibi Hawa.', published: '2014-03-05' }
      const posted = await call('POST', '/api/sources', { token: 'editor', json: report })
      const incidentId = posted.json.claims.find((c: Json) => c.incidentId !== null).incidentId as string
      const listed = (await call('GET', `/api/incidents/${incidentId}`)).json.victims as Json[]
      expect(listed.map((v) => v.name)).toEqual(['Noor Zaman', 'Bibi Hawa'])
      await call('POST', `/api/victims/${listed[1]!.id}/review`, { token: 'editor', json: { review: 'rejected', reason: 'survived' } })
      await call('POST', `/api/incidents/${incidentId}/victims`, { token: 'editor', json: { victim: { name: '=HYPERLINK("x") Wali', age: 12, sex: 'male', relation: 'his son' }, reason: 'family' } })

      const res = await app.request('/api/export/victims.csv')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toContain('reckon-victims.csv')
      const lines = (await res.text()).split('\r\n')
      expect(lines[0]).toBe('incident_id,incident_date_start,incident_date_end,country,admin1,place,victim_id,name,age,sex,relation,fate,review,source_ids,claim_ids')
      const ours = lines.filter((l) => l.startsWith(`${incidentId},`)).map((l) => l.split(','))
      expect(ours.map((r) => [r[7], r[8], r[9], r[10], r[11], r[12]])).toEqual([
        ['Noor Zaman', '', '', '', 'killed', 'found'],
        // A name that a spreadsheet would run as a formula is written with an apostrophe in front.
        [`"'=HYPERLINK(""x"") Wali"`, '12', 'male', 'his son', 'killed', 'accepted'],
      ])
      expect(ours[0]![13]).toBe(posted.json.source.id)

      const json = (await (await app.request('/api/export/incidents.json')).json()) as Json
      const incident = (json.incidents as Json[]).find((i) => i.id === incidentId)!
      expect(incident.victims.map((v: Json) => [v.name, v.fate, v.review, v.sourceIds])).toEqual([
        ['Noor Zaman', 'killed', 'found', [posted.json.source.id]],
        ['=HYPERLINK("x") Wali', 'killed', 'accepted', []],
      ])
    })

    it('describes the victim routes in a valid OpenAPI document', async () => {
      const doc = await call('GET', '/api/openapi.json')
      expect(checkOpenApi31(doc.json)).toEqual([])
      expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/api/victims/{id}', '/api/incidents/{id}/victims', '/api/victims/{id}/review', '/api/victims/{id}/remove']))
    })
  })
}

victimsApiSuite('SQLite', () => Promise.resolve(openSqliteStore(':memory:')))

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl === undefined || adminUrl === '') {
  describe('victims API on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://reckon:reckon@127.0.0.1:5432/reckon_test)', () => {})
  })
} else {
  let url = ''
  usePgTestDatabase(adminUrl, `reckon_victims_api_${randomBytes(4).toString('hex')}`, (u) => (url = u))
  victimsApiSuite('PostgreSQL', () => openPostgresStore(url, { schema: 'api', poolSize: 3 }))
}
