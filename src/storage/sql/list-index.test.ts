/**
 * @module The list snapshot against SQL: the same store file read by a store answering from the snapshot and by one
 * answering from SQL must give the same pages, totals and counts for any filter, and a snapshot is never used
 * after a change, by this connection or another process's.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sourceIdFor } from '../../domain/source.js'
import { CATEGORIES, GRADES, type Category } from '../../domain/values.js'
import type { ClaimDraft } from '../../domain/claim.js'
import type { Figure } from '../../domain/incident.js'
import type { Place } from '../../domain/place.js'
import { aggregateMap } from '../../app/map-view.js'
import { usePgTestDatabase } from '../../../test/helpers/pg-test-database.js'
import { openPostgresStore } from '../postgres/postgres-store.js'
import { openSqliteStore } from '../sqlite/sqlite-store.js'
import {
  claimIdFor,
  INCIDENT_SORTS,
  TOTAL_GROUPS,
  type ImportRecord,
  type IncidentDraft,
  type IncidentFilter,
  type ListIndexMode,
  type Store,
} from '../store.js'
import { sourceInput } from '../store.contract.js'
import { ListSnapshot } from './list-index.js'

/** A seeded generator, so a failure names a filter that fails again. */
function rng(seed: number): { int: (lo: number, hi: number) => number; pick: <T>(xs: readonly T[]) => T; chance: (p: number) => boolean } {
  let s = seed >>> 0
  const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1))
  return { int, pick: (xs) => xs[Math.floor(rand() * xs.length)]!, chance: (p) => rand() < p }
}

const COUNTRIES = ['PK', 'YE', 'SO', 'AF']
const ACTORS = ['United States', 'united states', 'Saudi-led coalition', 'Turkey']
const pad = (n: number): string => String(n).padStart(2, '0')

/** Records with everything a filter can trip on: undated and month-spanning incidents, no country or actor, unbounded and missing figures. */
function records(n: number): ImportRecord[] {
  const g = rng(7)
  // Places come from their own sequence, so the rest of the data is what it was before the map read places.
  const gp = rng(13)
  const out: ImportRecord[] = []
  for (let i = 0; i < n; i++) {
    const text = `Generated report ${i} of a strike.`
    const sid = sourceIdFor(sourceInput(text).sha256)
    const start = g.chance(0.08) ? null : `${g.int(2008, 2014)}-${pad(g.int(1, 12))}-${pad(g.int(1, 28))}`
    const end = start === null ? null : g.chance(0.2) ? `${start.slice(0, 4)}-12-31` : start
    const claims: ClaimDraft[] = []
    const figures: Figure[] = []
    const add = (measure: Figure['measure'], category: Category, min: number | null, max: number | null): void => {
      const d: ClaimDraft = {
        measure, category, min, max, qualifier: 'range', scope: 'incident', incidents: 1,
        period: { start, end, precision: start === null ? null : 'day' }, place: null, actor: null, claimant: null,
        quote: `${measure} ${category} ${i}`, span: { start: 0, end: 5 }, extractor: 'test@1', eventKey: null, names: [],
      }
      if (claims.some((c) => c.measure === measure && c.category === category)) return
      claims.push(d)
      const id = claimIdFor(sid, d)
      figures.push({ measure, category, min, max, lowClaims: [id], highClaims: [id], claims: [id], sources: 1 })
    }
    const low = g.int(0, 12)
    if (g.chance(0.9)) add('killed', 'total', low, g.chance(0.1) ? null : low + g.int(0, 5))
    for (let k = g.int(0, 3); k > 0; k--) {
      const c = g.pick(CATEGORIES.slice(1))
      const m = g.chance(0.7) ? 'killed' : 'injured'
      const v = g.int(0, 8)
      add(m, c, g.chance(0.1) ? null : v, g.chance(0.15) ? null : v + g.int(0, 3))
    }
    const country = g.chance(0.1) ? null : g.pick(COUNTRIES)
    const incident: IncidentDraft = {
      date: { start, end, precision: start === null ? null : 'day' },
      place: country === null ? null : placeIn(gp, country),
      actor: g.chance(0.1) ? null : g.pick(ACTORS),
      target: null,
      victims: [],
      grade: g.chance(0.5) ? null : g.pick(GRADES),
    }
    out.push({ source: sourceInput(text), claims, incident, figures, linkReason: 'test' })
  }
  return out
}

/** A place in `country` at any precision the map groups by: a point, village or district, a region, the country alone. */
function placeIn(g: ReturnType<typeof rng>, country: string): Place {
  const precision = g.pick(['exact', 'locality', 'district', 'region', 'country', 'country'] as const)
  const region = g.chance(0.8) ? `Region ${g.int(1, 4)}` : null
  const name = g.chance(0.5) ? `Village ${g.int(1, 30)}` : null
  // Coordinates with fractions, so a cluster's mean and box are computed from doubles as stored.
  const at = (lo: number, span: number): number => lo + g.int(0, 10_000) / (10_000 / span)
  if (precision === 'country') return { name: null, admin1: null, country, lat: g.chance(0.5) ? at(30, 2) : null, lon: g.chance(0.5) ? at(65, 2) : null, precision }
  if (precision === 'region') return { name: region, admin1: region, country, lat: g.chance(0.5) ? at(30, 2) : null, lon: g.chance(0.5) ? at(65, 2) : null, precision }
  return { name, admin1: region, country, lat: at(10, 30), lon: at(40, 40), precision }
}

function filter(g: ReturnType<typeof rng>): IncidentFilter {
  const f: { -readonly [K in keyof IncidentFilter]: IncidentFilter[K] } = {}
  if (g.chance(0.5)) f.from = `${g.int(2007, 2015)}-${pad(g.int(1, 12))}-${pad(g.int(1, 28))}`
  if (g.chance(0.5)) f.to = `${g.int(2007, 2015)}-${pad(g.int(1, 12))}-${pad(g.int(1, 28))}`
  if (g.chance(0.4)) f.country = g.pick([...COUNTRIES, 'IQ'])
  if (g.chance(0.3)) f.actor = g.pick([...ACTORS, 'UNITED STATES', 'nobody'])
  if (g.chance(0.4)) f.category = g.pick(CATEGORIES)
  if (g.chance(0.3)) f.grade = g.pick(GRADES)
  if (g.chance(0.4)) f.minCasualties = g.int(0, 14)
  if (g.chance(0.15)) f.status = g.pick(['all', 'merged', 'active'] as const)
  return f
}

/** Opens one store of the kind under test, on the same data each time, with or without the snapshot. */
type Opener = (listIndex: ListIndexMode) => Promise<Store>

/**
 * A commit by another connection is seen by the next read: SQLite's data_version moves, and PostgreSQL has sent its
 * notification before the answer to the stamp's round trip.
 */
function runListSnapshotTests(name: string, open: () => Opener, storesHugeCounts: boolean): void {
  describe(`list snapshot: ${name}`, () => {
    let sql: Store
    let snap: Store
    beforeAll(async () => {
      sql = await open()('off')
      await sql.bulk.importRecords(records(600), { actor: 'test' })
      // Merged incidents, which lists hide unless asked for.
      const some = (await sql.incidents.list({}, { limit: 20 })).items
      for (let k = 0; k + 1 < some.length; k += 4) await sql.incidents.merge(some[k]!.id, some[k + 1]!.id, { actor: 'test' })
      snap = await open()('inline')
    })
    afterAll(async () => {
      await sql.close()
      await snap.close()
    })

    it('gives every filter the same map points as SQL does, and so the same map at any zoom', async () => {
      const points = vi.spyOn(ListSnapshot.prototype, 'mapPoints')
      const g = rng(17)
      const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
      let some = 0
      for (let k = 0; k < 150; k++) {
        const f = filter(g)
        const a = [...(await snap.incidents.mapPoints(f))].sort(byId)
        const b = [...(await sql.incidents.mapPoints(f))].sort(byId)
        expect({ f, points: a }).toEqual({ f, points: b })
        if (a.length > 0) some++
        // The same points make the same map (the SQL path's order is the database's, so both are put in id order).
        const window = { zoom: g.int(0, 12), ...(g.chance(0.5) ? { bbox: [40, 10, 60, 30] as const } : {}) }
        expect(aggregateMap(a, window)).toEqual(aggregateMap(b, window))
      }
      // Every answer came from the snapshot, and most filters matched something (the comparison was not of empties).
      expect(points.mock.results.every((r) => r.value !== null)).toBe(true)
      expect(points).toHaveBeenCalledTimes(150)
      expect(some).toBeGreaterThan(75)
      points.mockRestore()
    })

    it('pages, counts and totals every filter exactly as SQL does', async () => {
      const pages = vi.spyOn(ListSnapshot.prototype, 'page')
      const totals = vi.spyOn(ListSnapshot.prototype, 'totals')
      const g = rng(11)
      for (let k = 0; k < 300; k++) {
        const f = filter(g)
        const sort = g.pick(INCIDENT_SORTS)
        const page = { limit: g.pick([1, 5, 50]), offset: g.pick([0, 0, 3, 40]) }
        const a = await snap.incidents.list(f, page, sort)
        const b = await sql.incidents.list(f, page, sort)
        expect({ f, sort, page, total: a.total, ids: a.items.map((i) => i.id) }).toEqual({ f, sort, page, total: b.total, ids: b.items.map((i) => i.id) })
        const group = g.pick(TOTAL_GROUPS)
        expect({ f, group, rows: await snap.totals(group, f) }).toEqual({ f, group, rows: await sql.totals(group, f) })
      }
      // Every answer came from the snapshot: none fell back to SQL unnoticed.
      expect(pages.mock.results.every((r) => r.value !== null)).toBe(true)
      expect(pages).toHaveBeenCalledTimes(300)
      expect(totals).toHaveBeenCalledTimes(300)
      pages.mockRestore()
      totals.mockRestore()
    })

    it('never answers from a snapshot older than a commit by another connection', async () => {
      const background = await open()('background')
      try {
        await background.incidents.list({})
        // Let the background build finish: the next answers come from it.
        for (let i = 0; i < 50 && (await pageFromSnapshot(background)) === false; i++) await new Promise((r) => setTimeout(r, 20))
        expect(await pageFromSnapshot(background)).toBe(true)
        const first = (await background.incidents.list({ country: 'PK' }, { limit: 1 })).items[0]!
        await sql.incidents.update(first.id, { grade: 'discounted' }, { actor: 'test' })
        // The other connection's commit is seen at once: SQL answers until the snapshot is rebuilt.
        const after = await background.incidents.list({ grade: 'discounted', country: 'PK' }, { limit: 500 })
        expect(after.items.map((i) => i.id)).toContain(first.id)
        expect(after.total).toBe((await sql.incidents.list({ grade: 'discounted', country: 'PK' })).total)
      } finally {
        await background.close()
      }
    })

    it('never answers from a snapshot older than its own connection\'s writes', async () => {
      const before = await snap.totals('country', { country: 'YE' })
      const one = (await snap.incidents.list({ country: 'YE' }, { limit: 1 })).items[0]!
      await snap.incidents.update(one.id, { place: { name: null, admin1: null, country: 'SO', lat: null, lon: null, precision: 'country' } }, { actor: 'test' })
      expect(await snap.totals('country', { country: 'YE' })).toEqual(await sql.totals('country', { country: 'YE' }))
      expect(await snap.totals('country', { country: 'YE' })).not.toEqual(before)
    })

    // PostgreSQL's INTEGER columns refuse such counts; SQLite stores them.
    it('leaves a store with a count too large for its arrays to SQL, with the same answers', async (ctx) => {
      if (!storesHugeCounts) return ctx.skip('only SQLite stores such counts')
      const huge = records(1)[0]!
      const text = 'A report of an implausibly large toll.'
      const source = sourceInput(text)
      const claim = { ...huge.claims[0]!, min: 3_000_000_000, max: 3_000_000_001 }
      const id = claimIdFor(sourceIdFor(source.sha256), claim)
      await sql.bulk.importRecords(
        [{ ...huge, source, claims: [claim], figures: [{ ...huge.figures![0]!, min: claim.min, max: claim.max, lowClaims: [id], highClaims: [id], claims: [id] }] }],
        { actor: 'test' },
      )
      const pages = vi.spyOn(ListSnapshot.prototype, 'page')
      try {
        expect(await snap.totals('year', {})).toEqual(await sql.totals('year', {}))
        expect(await snap.incidents.list({ minCasualties: 2_000_000_000 })).toEqual(await sql.incidents.list({ minCasualties: 2_000_000_000 }))
        expect(pages).not.toHaveBeenCalled()
      } finally {
        pages.mockRestore()
      }
    })
  })
}

{
  const dir = mkdtempSync(join(tmpdir(), 'reckon-list-index-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'store.db')
  runListSnapshotTests('SQLite', () => (listIndex) => Promise.resolve(openSqliteStore(path, { listIndex })), true)
}

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl !== undefined && adminUrl !== '') {
  let url = ''
  usePgTestDatabase(adminUrl, `reckon_list_${randomBytes(4).toString('hex')}`, (u) => (url = u))
  runListSnapshotTests('PostgreSQL', () => (listIndex) => openPostgresStore(url, { listIndex, poolSize: 3 }), false)
} else {
  describe('list snapshot: PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set; .ci/run sets it', () => {})
  })
}

/** True when the store's next list is answered from its snapshot. */
async function pageFromSnapshot(store: Store): Promise<boolean> {
  const spy = vi.spyOn(ListSnapshot.prototype, 'page')
  try {
    await store.incidents.list({})
    return spy.mock.calls.length > 0
  } finally {
    spy.mockRestore()
  }
}
