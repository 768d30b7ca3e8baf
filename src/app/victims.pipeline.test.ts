/** @module Processing sources stores the victims their claims name, one victim per person across reports of one strike (SQLite). */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Source } from '../domain/source.js'
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js'
import type { SourceInput, Store } from '../storage/store.js'
import { processSource } from './process-source.js'

const ctx = { actor: 'test' }

// Our own paragraphs: two reports of one strike, spelling the same man two ways, and a third naming others elsewhere.
const FIRST =
  'A drone strike hit a house in Datta Khel, North Waziristan, on Tuesday, Pakistani officials said. Those killed were Mohammed Hussein, Gul Rahman and Abdul Wahid.'
const SECOND =
  'Residents of Datta Khel said a missile struck a house on Tuesday. Muhammad Husain was killed, his brother said.'
const ELSEWHERE = 'An air strike in Marib, Yemen, on 3 March 2013 killed two men. Those killed were Nasser Saleh and Ali Omar.'

async function ingest(store: Store, text: string, published: string): Promise<Source> {
  const sha256 = createHash('sha256').update(text).digest('hex')
  const input: SourceInput = { sha256, text, mediaType: 'text/plain', filename: null, byteLength: Buffer.byteLength(text), kind: 'news', publisher: null, url: null, title: null, published, language: 'en' }
  const { source } = await store.sources.add(input, ctx)
  await processSource(store, source, ctx)
  return source
}

describe('victims named by processed sources', () => {
  let store: Store
  beforeEach(() => {
    store = openSqliteStore(':memory:')
  })
  afterEach(async () => {
    await store.close()
  })

  it('lists each named victim once on the incident, with every report that names them', async () => {
    const a = await ingest(store, FIRST, '2013-06-06')
    const b = await ingest(store, SECOND, '2013-06-06')
    await ingest(store, ELSEWHERE, '2013-03-05')
    const incidents = (await store.incidents.list()).items
    const datta = incidents.find((i) => i.date.start === '2013-06-04')!
    const victims = await store.victims.listForIncident(datta.id)
    expect(victims.map((v) => [v.name, v.review, v.fate])).toEqual([
      ['Mohammed Hussein', 'found', 'killed'],
      ['Gul Rahman', 'found', 'killed'],
      ['Abdul Wahid', 'found', 'killed'],
    ])
    const hussein = victims[0]!
    expect(hussein.sources.map((s) => [s.sourceId, s.name])).toEqual([
      [a.id, 'Mohammed Hussein'],
      [b.id, 'Muhammad Husain'],
    ])
    // Each source's span is the name as that source writes it.
    for (const s of hussein.sources) expect((s.sourceId === a.id ? FIRST : SECOND).slice(s.span.start, s.span.end)).toBe(s.name)
    const marib = incidents.find((i) => i.id !== datta.id)!
    expect((await store.victims.listForIncident(marib.id)).map((v) => v.name)).toEqual(['Nasser Saleh', 'Ali Omar'])
    // Processing a source again adds nothing.
    await processSource(store, a, ctx)
    expect((await store.victims.listForIncident(datta.id)).map((v) => v.sources.length)).toEqual([2, 1, 1])
  })
})
