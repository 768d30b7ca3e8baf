/**
 * @module What every part of the API suite works with: one store for the whole suite (records kept apart by text),
 * tokens of each role, an app over it, and helpers to call it and to make a unique article.
 */
import { afterAll, beforeAll } from 'vitest'
import { loadConfig } from '../../config.js'
import type { ClaimDraft } from '../../domain/claim.js'
import type { Store } from '../../storage/store.js'
import { createApp } from '../app.js'
import { testDeps, type Extractor } from '../test-helpers/test-deps.js'

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


/** A JSON answer, read loosely: the tests check it with expect(). */
export type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The app under test. */
export type App = ReturnType<typeof createApp>

/** Options of one call: whose token, and a JSON or raw body. */
interface CallOptions {
  token?: 'viewer' | 'editor' | 'admin'
  json?: unknown
  body?: string | FormData
  headers?: Record<string, string>
}

/** The suite's shared state: `store` and `app` are set before the first test. */
export interface ApiHarness {
  readonly name: string
  store: Store
  app: App
  readonly tokens: Record<'viewer' | 'editor' | 'admin', string>
  readonly config: ReturnType<typeof loadConfig>
  readonly seedConfig: ReturnType<typeof loadConfig>
  /** Calls the app in-process; the body is parsed as JSON when it is JSON. */
  readonly call: (method: string, path: string, opts?: CallOptions) => Promise<{ status: number; json: Json; text: string; headers: Headers }>
  /** A unique article with one "killed N people" figure, published on `date`. */
  readonly article: (n: number, date?: string) => { text: string; published: string; publisher: string; kind: string }
}

/** Opens the suite's store before all its tests (and closes it after), with a token per role and the app over it. */
export function useApiHarness(name: string, open: () => Promise<Store>): ApiHarness {
  const tokens: Record<'viewer' | 'editor' | 'admin', string> = { viewer: '', editor: '', admin: '' }
  const config = loadConfig({ RECKON_RATE_LIMIT: '0', RECKON_MAX_BODY_BYTES: '4096', RECKON_MAX_DOCUMENT_BYTES: '20000' })
  let seq = 0
  const h: ApiHarness = {
    name,
    store: undefined as unknown as Store,
    app: undefined as unknown as App,
    tokens,
    config,
    seedConfig: loadConfig({ RECKON_RATE_LIMIT: '0' }),
    call: async (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers }
      if (opts.token) headers.authorization = `Bearer ${tokens[opts.token]}`
      let body = opts.body
      if (opts.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(opts.json)
      }
      const res = await h.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
      const text = await res.text()
      let json: Json = {}
      try {
        json = JSON.parse(text) as Json
      } catch {
        // CSV and other bodies are read from `text`.
      }
      return { status: res.status, json, text, headers: res.headers }
    },
    article: (n, date = '2013-11-04') => ({ text: `Report ${++seq} (${name}): a drone strike killed ${n} people near Miranshah.`, published: date, publisher: 'Dawn', kind: 'news' }),
  }
  beforeAll(async () => {
    h.store = await open()
    for (const role of ['viewer', 'editor', 'admin'] as const) tokens[role] = (await h.store.tokens.create(`${role}-alice`, role, { actor: 'test' })).token
    h.app = createApp(h.store, config, testDeps(killedExtractor), { checkResponses: true, log: () => {} })
  })
  afterAll(async () => {
    await (h.store as Store | undefined)?.close()
  })
  return h
}
