/** @module The API suite, refusing bad requests: fields, text encodings, unknown query keys. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../storage/store.js'
import type { ApiHarness, App, Json } from './api-harness.js'

/** Registers the suite's tests of refusing bad requests: fields, text encodings, unknown query keys. */
export function validationContract(h: ApiHarness): void {
  const { call, article, tokens, name } = h
  describe('validation', () => {
    let store: Store
    let app: App
    beforeAll(() => {
      ;({ store, app } = h)
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

  })
}
