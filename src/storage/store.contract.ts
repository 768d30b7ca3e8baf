/**
 * @module The one contract every Store adapter must pass; sqlite.test.ts and postgres.test.ts run it on real databases.
 */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClaimDraft } from '../domain/claim.js'
import { hasCode } from '../domain/errors.js'
import { addDays } from '../domain/dates.js'
import type { Finding } from '../domain/finding.js'
import type { ClaimId, FindingId, IncidentId, SourceId, TokenId } from '../domain/ids.js'
import type { Figure, Incident } from '../domain/incident.js'
import { sourceIdFor } from '../domain/source.js'
import { LATEST_SCHEMA_VERSION } from './migrations.js'
import { claimIdFor, type ImportRecord, type IncidentDraft, type IncidentFilter, type SourceInput, type Store } from './store.js'

const ctx = { actor: 'test', why: 'contract' }

/** A source input for `text`, hashed as if its bytes were the UTF-8 text. */
export function sourceInput(text: string, over: Partial<SourceInput> = {}): SourceInput {
  const sha256 = createHash('sha256').update(text).digest('hex')
  return {
    sha256,
    text,
    mediaType: 'text/plain',
    filename: null,
    byteLength: Buffer.byteLength(text),
    kind: 'news',
    publisher: null,
    url: null,
    title: null,
    published: null,
    language: 'en',
    ...over,
  }
}

/** A claim draft quoting `text` at `start`, with overrides. */
export function draft(text: string, start: number, end: number, over: Partial<ClaimDraft> = {}): ClaimDraft {
  return {
    measure: 'killed',
    category: 'total',
    min: 5,
    max: 5,
    qualifier: 'exact',
    scope: 'incident',
    incidents: null,
    period: { start: '2013-11-01', end: '2013-11-01', precision: 'day' },
    place: null,
    actor: null,
    claimant: null,
    quote: text.slice(start, end),
    span: { start, end },
    extractor: 'rules@1.0.0',
    eventKey: null,
    names: [],
    ...over,
  }
}

/** Period lengths in days on both sides of span class boundaries (see sql/date-span.ts), for tests of the candidate query. */
export const SPAN_LENGTHS: readonly number[] = [0, 1, 2, 7, 8, 30, 63, 64, 365, 511, 512, 4095, 4096, 20000, 32767, 32768, 40000]

/** An incident draft on `date` in `country`. */
export function incidentDraft(date: string, country: string | null = 'PK', over: Partial<IncidentDraft> = {}): IncidentDraft {
  return {
    date: { start: date, end: date, precision: 'day' },
    place: country === null ? null : { name: null, admin1: null, country, lat: null, lon: null, precision: 'country' },
    actor: 'United States',
    target: null,
    victims: [],
    grade: null,
    ...over,
  }
}

function figure(category: Figure['category'], min: number | null, max: number | null, measure: Figure['measure'] = 'killed'): Figure {
  return { measure, category, min, max, lowClaims: [], highClaims: [], claims: [], sources: 1 }
}

/** A contradiction between `claims`, with the given id. */
export function finding(id: string, claims: string[]): Finding {
  return { id: id as FindingId, kind: 'contradiction', measure: 'killed', category: 'civilians', claims: claims as ClaimId[], claimants: [null], summary: 's', arithmetic: '0 < 19' }
}

/** A filter over incidents as the contract's in-memory references understand it. */
type TestFilter = Pick<IncidentFilter, 'from' | 'to' | 'country' | 'actor' | 'category' | 'grade' | 'minCasualties'>

/**
 * Sixty incidents from a seeded generator (month edges, open ends, no dates, no country, unbounded highs, killed and
 * injured figures, grades set by reconciliation or by hand), then an update, new figures and a merge; returns every
 * incident, merged ones included.
 */
async function randomIncidents(store: Store): Promise<Incident[]> {
  let seed = 7
  const rand = (k: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % k
  const made: IncidentId[] = []
  for (let i = 0; i < 60; i++) {
    const start = `2012-0${1 + rand(3)}-${String(1 + rand(28)).padStart(2, '0')}`
    const end = rand(4) === 0 ? `2012-0${4 + rand(2)}-0${1 + rand(9)}` : start
    const date = rand(10) === 0 ? { start: null, end: null, precision: null } : { start, end, precision: 'day' as const }
    const inc = await store.incidents.create({ ...incidentDraft(start, rand(5) === 0 ? null : ['PK', 'YE'][rand(2)]!, { actor: ['United States', 'united states', 'UK'][rand(3)]! }), date }, ctx)
    const low = rand(9)
    const figures = [figure('total', low, rand(6) === 0 ? null : low + rand(4))]
    if (rand(2) === 0) figures.push(figure('civilians', rand(3), 2 + rand(4)))
    if (rand(3) === 0) figures.push(figure('civilians', rand(20), rand(2) === 0 ? null : 30, 'injured'))
    const grade = ([null, 'confirmed', 'fair', 'weak'] as const)[rand(4)]!
    // Some incidents have no killed figure at all, only injured.
    await store.incidents.setFigures(inc.id, rand(8) === 0 ? figures.slice(2) : figures, rand(2) === 0 ? { grade } : {})
    if (rand(5) === 0) await store.incidents.update(inc.id, { grade }, ctx)
    made.push(inc.id)
  }
  // A grade changed after the figures were set moves the incident's figures with it.
  await store.incidents.update(made[4]!, { grade: 'contested' }, ctx)
  await store.incidents.update(made[0]!, { date: { start: '2012-02-15', end: '2012-03-02', precision: 'span' }, actor: 'UK' }, ctx)
  await store.incidents.setFigures(made[1]!, [figure('total', 100, 200)])
  await store.incidents.merge(made[2]!, made[3]!, ctx)
  return [...(await store.incidents.list({ status: 'all' }, { limit: 1000 })).items]
}

/** Whether an incident matches a filter, read from the incident alone (the reference the store's SQL must agree with). */
function matches(inc: Incident, f: TestFilter): boolean {
  const last = inc.date.end ?? inc.date.start
  if (f.from !== undefined && (last === null || last < f.from)) return false
  if (f.to !== undefined && (inc.date.start === null || inc.date.start > f.to)) return false
  if (f.country !== undefined && inc.place?.country !== f.country) return false
  if (f.actor !== undefined && inc.actor?.toLowerCase() !== f.actor.toLowerCase()) return false
  if (f.grade !== undefined && inc.grade !== f.grade) return false
  if (f.category !== undefined && !inc.figures.some((g) => g.category === f.category)) return false
  const n = f.minCasualties
  if (n !== undefined && !inc.figures.some((g) => g.measure === 'killed' && (f.category === undefined || g.category === f.category) && (g.max ?? Infinity) >= n)) return false
  return true
}

/** Filters the random incidents are checked with: every field alone and in combination, month edges included. */
const FILTERS: readonly TestFilter[] = [
  {},
  { from: '2012-02-01' },
  { from: '2012-02-10' },
  { to: '2012-02-29' },
  { to: '2012-02-17' },
  { from: '2012-01-20', to: '2012-03-05' },
  { from: '2012-02-03', to: '2012-02-20' },
  { from: '2012-03-01', to: '2012-04-30', country: 'PK' },
  { actor: 'UNITED STATES', category: 'total' },
  { from: '2012-01-31', to: '2012-05-01', category: 'civilians' },
  { minCasualties: 5 },
  { minCasualties: 4, category: 'civilians' },
  { minCasualties: 9, category: 'total', country: 'YE' },
  { minCasualties: 1, from: '2012-02-10', actor: 'uk' },
  { grade: 'fair' },
  { grade: 'contested' },
  { grade: 'weak', from: '2012-02-05', to: '2012-03-20' },
  { grade: 'weak', minCasualties: 3 },
  { grade: 'fair', minCasualties: 2, category: 'civilians' },
]

/** Runs the contract against stores made by `open` (a fresh, empty, migrated store per test). */
export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('is at the latest schema version', async () => {
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
    })

    describe('sources', () => {
      it('stores a source once per sha256 and writes one revision', async () => {
        const input = sourceInput('A drone strike killed five people.', { title: 'Strike', filename: 'a.txt' })
        const first = await store.sources.add(input, ctx)
        expect(first.created).toBe(true)
        expect(first.source.id).toBe(sourceIdFor(input.sha256))
        expect(first.source.text).toBe(input.text)
        const again = await store.sources.add({ ...input, title: 'Other title' }, ctx)
        expect(again.created).toBe(false)
        expect(again.source.title).toBe('Strike')
        expect(await store.sources.count()).toBe(1)
        const revs = await store.revisions.list({ entityType: 'source', entityId: first.source.id })
        expect(revs.total).toBe(1)
        expect(revs.items[0]).toMatchObject({ action: 'create', actor: 'test', why: 'contract' })
        expect(await store.sources.findBySha256(input.sha256)).toMatchObject({ id: first.source.id, textLength: input.text.length })
        expect(await store.sources.get(first.source.id)).toEqual(first.source)
      })

      it('lists in insertion order with a total, and pages', async () => {
        for (const t of ['one report', 'two report', 'three report']) await store.sources.add(sourceInput(t), ctx)
        const page = await store.sources.list({ limit: 2, offset: 1 })
        expect(page.total).toBe(3)
        expect(page.items.map((s) => s.sha256)).toEqual([sourceInput('two report').sha256, sourceInput('three report').sha256])
        expect(page.items[0]).not.toHaveProperty('text')
      })

      it('summarises sources by id without their text, skipping unknown and repeated ids', async () => {
        const a = (await store.sources.add(sourceInput('first report', { publisher: 'Reuters' }), ctx)).source
        const b = (await store.sources.add(sourceInput('second report'), ctx)).source
        const got = await store.sources.summaries([b.id, a.id, a.id, 'src_unknown' as SourceId])
        expect(got.map((s) => s.id).sort()).toEqual([a.id, b.id].sort())
        const first = got.find((s) => s.id === a.id)!
        expect(first).toMatchObject({ publisher: 'Reuters', textLength: 'first report'.length })
        expect(first).not.toHaveProperty('text')
        expect(await store.sources.summaries([])).toEqual([])
      })

      it('searches a dataset row by its prose (searchText), not by its codes and numbers', async () => {
        const text = 'event_id_cnty: PAK77\ngeo_precision: 1\nnotes: A drone strike on a madrassa near Damadola.'
        await store.sources.add({ ...sourceInput(text, { kind: 'dataset', title: 'ACLED event PAK77' }), searchText: 'A drone strike on a madrassa near Damadola.' }, ctx)
        const hits = await store.sources.search('madrassa Damadola')
        expect(hits.total).toBe(1)
        expect(hits.items[0]!.snippet).toMatch(/«madrassa»/)
        expect((await store.sources.search('geo_precision')).total).toBe(0)
        expect((await store.sources.search('PAK77')).total).toBe(1) // the title is searched too
      })

      it('searches full text with stemming, every word required, and tolerates operator characters', async () => {
        const a = await store.sources.add(sourceInput('US drones struck a house in North Waziristan.', { title: 'Drone report' }), ctx)
        await store.sources.add(sourceInput('Floods in the valley displaced families.'), ctx)
        const hits = await store.sources.search('drone')
        expect(hits.items.map((h) => h.id)).toEqual([a.source.id])
        expect(hits.total).toBe(1)
        expect(hits.items[0]!.snippet).toContain('«')
        expect((await store.sources.search('drone floods')).total).toBe(0)
        expect((await store.sources.search('waziristan house')).total).toBe(1)
        expect((await store.sources.search('"drone* OR (')).total).toBeGreaterThanOrEqual(0)
        expect((await store.sources.search('   ')).total).toBe(0)
      })
    })

    describe('claims', () => {
      const text = 'The strike killed five people, including two children, officials said.'
      it('adds claims idempotently by claim key and returns them in draft order', async () => {
        const { source } = await store.sources.add(sourceInput(text), ctx)
        const drafts = [draft(text, 11, 29), draft(text, 41, 53, { category: 'children', min: 2, max: 2 })]
        const first = await store.claims.addForSource(source.id, drafts, ctx)
        expect(first.map((c) => c.id)).toEqual(drafts.map((d) => claimIdFor(source.id, d)))
        expect(first[0]).toMatchObject({ status: 'proposed', incidentId: null, quote: 'killed five people', sourceId: source.id })
        // A newer version of the same rules re-extracts the same claims: nothing new.
        const again = await store.claims.addForSource(source.id, drafts.map((d) => ({ ...d, extractor: 'rules@1.1.0' })), ctx)
        expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id))
        expect((await store.claims.list({ sourceId: source.id })).total).toBe(2)
        expect((await store.revisions.list({ entityType: 'claim' })).total).toBe(2)
        // Many by id in one read: in the order asked, each once, unknown ids left out.
        const [one, two] = first.map((c) => c.id)
        const many = await store.claims.getMany([two!, 'clm_unknown' as ClaimId, one!, two!])
        expect(many.map((c) => c.id)).toEqual([two, one])
        expect(many[1]).toEqual(first[0])
        expect(await store.claims.getMany([])).toEqual([])
      })

      it('refuses claims for an unknown source with not_found', async () => {
        const err = await store.claims.addForSource(sourceIdFor('0'.repeat(64)), [draft(text, 0, 3)], ctx).catch((e: unknown) => e)
        expect(hasCode(err, 'not_found')).toBe(true)
      })

      it('filters by status, measure, category, scope and link', async () => {
        const { source } = await store.sources.add(sourceInput(text), ctx)
        const [a, b] = await store.claims.addForSource(
          source.id,
          [draft(text, 11, 29), draft(text, 41, 53, { category: 'children', scope: 'aggregate', measure: 'injured' })],
          ctx,
        )
        await store.claims.setStatus(b!.id, 'rejected', ctx)
        expect((await store.claims.list({ status: 'rejected' })).items.map((c) => c.id)).toEqual([b!.id])
        expect((await store.claims.list({ status: ['proposed', 'accepted'] })).items.map((c) => c.id)).toEqual([a!.id])
        expect((await store.claims.list({ measure: 'injured' })).total).toBe(1)
        expect((await store.claims.list({ category: 'total', scope: 'incident' })).total).toBe(1)
        const inc = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        await store.incidents.link([a!.id], inc.id, 'same day', ctx)
        expect((await store.claims.list({ unlinked: true })).items.map((c) => c.id)).toEqual([b!.id])
        expect((await store.claims.list({ incidentId: null })).items.map((c) => c.id)).toEqual([b!.id])
        expect((await store.claims.list({ incidentId: inc.id })).items.map((c) => c.id)).toEqual([a!.id])
      })

      it('records status changes and edits as revisions with before and after; no-ops write nothing', async () => {
        const { source } = await store.sources.add(sourceInput(text), ctx)
        const [c] = await store.claims.addForSource(source.id, [draft(text, 11, 29)], ctx)
        const accepted = await store.claims.setStatus(c!.id, 'accepted', { actor: 'ana', why: 'checked' })
        expect(accepted.status).toBe('accepted')
        await store.claims.setStatus(c!.id, 'accepted', { actor: 'ana' })
        const edited = await store.claims.edit(c!.id, { min: 4, max: 6, period: { start: '2013-11-02', end: '2013-11-02', precision: 'day' } }, { actor: 'ana' })
        expect(edited).toMatchObject({ min: 4, max: 6, period: { start: '2013-11-02' }, quote: 'killed five people' })
        const revs = await store.revisions.list({ entityType: 'claim', entityId: c!.id })
        expect(revs.items.map((r) => r.action)).toEqual(['edit', 'status', 'create'])
        expect(revs.items[0]).toMatchObject({ actor: 'ana', before: { min: 5, max: 5 }, after: { min: 4, max: 6 } })
        expect(revs.items[1]).toMatchObject({ why: 'checked', before: { status: 'proposed' }, after: { status: 'accepted' } })
        const missing = await store.claims.setStatus('clm_missing' as ClaimId, 'accepted', ctx).catch((e: unknown) => e)
        expect(hasCode(missing, 'not_found')).toBe(true)
      })

      it('walks all counting claims in batches, skipping rejected ones', async () => {
        const long = 'x'.repeat(100)
        const { source } = await store.sources.add(sourceInput(long), ctx)
        const drafts = Array.from({ length: 25 }, (_, i) => draft(long, i, i + 1))
        const claims = await store.claims.addForSource(source.id, drafts, ctx)
        await store.claims.setStatus(claims[3]!.id, 'rejected', ctx)
        const sizes: number[] = []
        const seen: string[] = []
        for await (const batch of store.claims.batches({ batchSize: 10 })) {
          sizes.push(batch.length)
          seen.push(...batch.map((c) => c.id))
        }
        expect(sizes).toEqual([10, 10, 4])
        expect(new Set(seen).size).toBe(24)
        expect(seen).not.toContain(claims[3]!.id)
        let all = 0
        for await (const batch of store.claims.batches({ countingOnly: false, batchSize: 100 })) all += batch.length
        expect(all).toBe(25)
      })
    })

    describe('incidents', () => {
      it('creates, gets and updates with revisions; not_found for unknown ids', async () => {
        const inc = await store.incidents.create(incidentDraft('2013-11-01', 'PK', { target: 'Hakimullah Mehsud' }), ctx)
        expect(inc).toMatchObject({ status: 'active', figures: [], links: [], sourceCount: 0, target: 'Hakimullah Mehsud' })
        expect(await store.incidents.get(inc.id)).toEqual(inc)
        const updated = await store.incidents.update(inc.id, { grade: 'fair', victims: ['A'] }, { actor: 'ana', why: 'graded' })
        expect(updated).toMatchObject({ grade: 'fair', victims: ['A'] })
        const revs = await store.revisions.list({ entityType: 'incident', entityId: inc.id })
        expect(revs.items.map((r) => r.action)).toEqual(['update', 'create'])
        expect(revs.items[0]).toMatchObject({ before: { grade: null, victims: [] }, after: { grade: 'fair', victims: ['A'] } })
        expect(await store.incidents.get('inc_missing' as IncidentId)).toBeNull()
        const err = await store.incidents.update('inc_missing' as IncidentId, { grade: 'weak' }, ctx).catch((e: unknown) => e)
        expect(hasCode(err, 'not_found')).toBe(true)
      })

      it('lists with a stable date-then-id order, filters and paging', async () => {
        const dates = ['2013-11-01', '2012-05-03', '2013-11-01', '2014-01-09', '2013-02-02']
        const made = []
        for (const [i, d] of dates.entries()) made.push(await store.incidents.create(incidentDraft(d, i % 2 === 0 ? 'PK' : 'YE', { actor: i === 3 ? 'Other' : 'United States' }), ctx))
        const expected = [...made].sort((a, b) => (a.date.start! < b.date.start! ? -1 : a.date.start! > b.date.start! ? 1 : a.id < b.id ? -1 : 1)).map((i) => i.id)
        const all = await store.incidents.list()
        expect(all.items.map((i) => i.id)).toEqual(expected)
        expect((await store.incidents.list({}, {}, '-date')).items.map((i) => i.id)).toEqual([...expected].reverse())
        const page = await store.incidents.list({}, { limit: 2, offset: 2 })
        expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 })
        expect(page.items.map((i) => i.id)).toEqual(expected.slice(2, 4))
        expect((await store.incidents.list({ from: '2013-01-01', to: '2013-12-31' })).total).toBe(3)
        expect((await store.incidents.list({ country: 'YE' })).total).toBe(2)
        expect((await store.incidents.list({ actor: 'other' })).items.map((i) => i.id)).toEqual([made[3]!.id])
      })

      it('sets figures without revisions and filters by category and casualties', async () => {
        const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const b = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
        await store.incidents.setFigures(a.id, [figure('total', 3, 5), figure('civilians', 1, 1)], { grade: 'fair' })
        await store.incidents.setFigures(b.id, [figure('total', 8, null)])
        expect(await store.incidents.get(a.id)).toMatchObject({ grade: 'fair', figures: [{ category: 'total', min: 3, max: 5 }, { category: 'civilians' }] })
        expect((await store.revisions.list({ entityType: 'incident', entityId: a.id })).total).toBe(1)
        expect((await store.incidents.list({ category: 'civilians' })).items.map((i) => i.id)).toEqual([a.id])
        expect((await store.incidents.list({ minCasualties: 6 })).items.map((i) => i.id)).toEqual([b.id])
        expect((await store.incidents.list({ minCasualties: 5 })).total).toBe(2)
        expect((await store.incidents.list({ minCasualties: 2, category: 'civilians' })).total).toBe(0)
        expect((await store.incidents.list({}, {}, '-killed')).items.map((i) => i.id)).toEqual([b.id, a.id])
        await store.incidents.setFigures(b.id, [])
        expect((await store.incidents.list({ minCasualties: 6 })).total).toBe(0)
      })

      it('links and moves claims with reasons, revisions and source counts', async () => {
        const t1 = 'First report: five killed.'
        const t2 = 'Second report: six killed.'
        const s1 = (await store.sources.add(sourceInput(t1), ctx)).source
        const s2 = (await store.sources.add(sourceInput(t2), ctx)).source
        const [c1] = await store.claims.addForSource(s1.id, [draft(t1, 14, 25)], ctx)
        const [c2] = await store.claims.addForSource(s2.id, [draft(t2, 15, 25)], ctx)
        const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const b = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        await store.incidents.link([c1!.id, c2!.id], a.id, 'same date and place', { actor: 'linker' })
        const got = await store.incidents.get(a.id)
        expect(got!.sourceCount).toBe(2)
        expect(got!.links).toEqual([
          expect.objectContaining({ claimId: c1!.id, reason: 'same date and place', by: 'linker' }),
          expect.objectContaining({ claimId: c2!.id }),
        ])
        await store.incidents.link([c2!.id], b.id, 'moved by hand', { actor: 'ana', why: 'different strike' })
        expect((await store.incidents.get(a.id))!.sourceCount).toBe(1)
        expect((await store.claims.get(c2!.id))!.incidentId).toBe(b.id)
        const revs = await store.revisions.list({ entityType: 'claim', entityId: c2!.id })
        expect(revs.items[0]).toMatchObject({ action: 'link', actor: 'ana', why: 'different strike', before: { incidentId: a.id }, after: { incidentId: b.id } })
        // One history for an incident and its claims: the same revisions as asked one by one, newest first.
        const one = async (entityType: 'incident' | 'claim', entityId: string) => (await store.revisions.list({ entityType, entityId })).items
        const separate = [...(await one('incident', a.id)), ...(await one('claim', c1!.id)), ...(await one('claim', c2!.id))]
        const seq = (r: { id: string }): number => Number(r.id.slice(4))
        const joint = await store.revisions.list({ of: [{ entityType: 'incident', entityId: a.id }, { entityType: 'claim', entityId: c1!.id }, { entityType: 'claim', entityId: c2!.id }] })
        expect(joint.items).toEqual(separate.sort((x, y) => seq(y) - seq(x)))
        expect(joint.total).toBe(separate.length)
        expect(joint.items.some((r) => r.entityType === 'claim' && r.why === 'different strike')).toBe(true)
        expect((await store.revisions.list({ of: [{ entityType: 'incident', entityId: b.id }] })).items.every((r) => r.entityId === b.id)).toBe(true)
        expect((await store.revisions.list({ of: [] })).total).toBe(0)
        await store.incidents.link([c2!.id], null, 'unlinked', ctx)
        expect((await store.claims.get(c2!.id))!.incidentId).toBeNull()
        const err = await store.incidents.link(['clm_nope' as ClaimId], a.id, 'x', ctx).catch((e: unknown) => e)
        expect(hasCode(err, 'not_found')).toBe(true)
      })

      it('lists the claims of several incidents at once, and the sources each incident cites', async () => {
        const texts = ['First report: five killed.', 'Second report: six killed.', 'Third report: seven killed.']
        const [s1, s2, s3] = await Promise.all(texts.map(async (t, i) => (await store.sources.add(sourceInput(t, { publisher: ['Dawn', null, 'Reuters'][i]! }), ctx)).source))
        const claim = async (s: typeof s1, t: string, start = 14): Promise<ClaimId> => (await store.claims.addForSource(s!.id, [draft(t, start, start + 11)], ctx))[0]!.id
        const [c1, c2, c3, c4] = [await claim(s1, texts[0]!), await claim(s2, texts[1]!), await claim(s3, texts[2]!), await claim(s3, texts[2]!, 0)]
        const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const b = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
        const none = await store.incidents.create(incidentDraft('2013-11-03'), ctx)
        await store.incidents.link([c1], a.id, 'same strike', ctx)
        await store.incidents.link([c3, c2], b.id, 'same strike', ctx)
        // A rejected claim still cites its source; an unlinked one cites nothing.
        await store.incidents.link([c4], a.id, 'same strike', ctx)
        await store.claims.setStatus(c4, 'rejected', ctx)
        const listed = await store.claims.list({ incidentIds: [a.id, none.id, b.id] })
        expect(listed.items.map((c) => c.id)).toEqual([c1, c2, c3, c4])
        expect((await store.claims.list({ incidentIds: [a.id], status: 'proposed' })).items.map((c) => c.id)).toEqual([c1])
        expect((await store.claims.list({ incidentIds: [] })).total).toBe(0)
        const cited = await store.incidents.sourcesOf([a.id, b.id, none.id, a.id])
        const byId = (...ss: (typeof s1)[]): string[] => ss.map((s) => s!.id as string).sort()
        expect([...cited.keys()].sort()).toEqual([a.id, b.id].sort())
        expect(cited.get(a.id)!.map((s) => s.id)).toEqual(byId(s1, s3))
        expect(cited.get(a.id)!.find((s) => s.id === s3!.id)).toMatchObject({ publisher: 'Reuters', textLength: texts[2]!.length })
        expect(cited.get(a.id)![0]).not.toHaveProperty('text')
        expect(cited.get(b.id)!.map((s) => s.id)).toEqual(byId(s2, s3))
        expect(cited.get(b.id)!.find((s) => s.id === s2!.id)).toMatchObject({ publisher: null })
        expect((await store.incidents.sourcesOf([])).size).toBe(0)
      })

      it('merges incidents, keeping the merged one and hiding it from lists and totals', async () => {
        const t = 'Report: five killed.'
        const s = (await store.sources.add(sourceInput(t), ctx)).source
        const [c] = await store.claims.addForSource(s.id, [draft(t, 8, 19)], ctx)
        const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const b = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        await store.incidents.link([c!.id], a.id, 'linker', ctx)
        await store.incidents.setFigures(a.id, [figure('total', 5, 5)])
        const into = await store.incidents.merge(a.id, b.id, { actor: 'ana', why: 'duplicate' })
        expect(into.links.map((l) => l.claimId)).toEqual([c!.id])
        expect(await store.incidents.get(a.id)).toMatchObject({ status: 'merged', mergedInto: b.id })
        expect((await store.incidents.list()).items.map((i) => i.id)).toEqual([b.id])
        expect((await store.incidents.list({ status: 'all' })).total).toBe(2)
        expect(await store.totals('year')).toEqual([])
        expect(hasCode(await store.incidents.merge(a.id, b.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
        expect(hasCode(await store.incidents.merge(b.id, b.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
      })

      it('undoes a merge: the merged incident is active again with the claims the merge moved, as revisions', async () => {
        const t1 = 'Report A: five killed.'
        const t2 = 'Report B: six killed.'
        const s1 = (await store.sources.add(sourceInput(t1), ctx)).source
        const s2 = (await store.sources.add(sourceInput(t2), ctx)).source
        const [ca] = await store.claims.addForSource(s1.id, [draft(t1, 9, 21)], ctx)
        const [cb] = await store.claims.addForSource(s2.id, [draft(t2, 9, 21)], ctx)
        const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const b = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        await store.incidents.link([ca!.id], a.id, 'linker', ctx)
        await store.incidents.link([cb!.id], b.id, 'linker', ctx)
        await store.incidents.setFigures(a.id, [figure('total', 5, 5)])
        expect(hasCode(await store.incidents.unmerge(a.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
        await store.incidents.merge(a.id, b.id, { actor: 'matcher', why: 'same strike' })
        const { restored, from } = await store.incidents.unmerge(a.id, { actor: 'ana', why: 'different strikes' })
        expect(restored).toMatchObject({ id: a.id, status: 'active', mergedInto: null })
        expect(restored.links).toEqual([expect.objectContaining({ claimId: ca!.id, reason: `linker; unmerged from ${b.id}: different strikes`, by: 'ana' })])
        expect(from.links.map((l) => l.claimId)).toEqual([cb!.id])
        expect((await store.incidents.list()).items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort())
        expect((await store.totals('year')).find((r) => r.category === 'total')).toMatchObject({ low: 5, high: 5 })
        const revs = await store.revisions.list({ entityType: 'incident', entityId: a.id })
        expect(revs.items[0]).toMatchObject({ action: 'unmerge', actor: 'ana', why: 'different strikes', before: { status: 'merged', mergedInto: b.id } })
        expect(hasCode(await store.incidents.unmerge(a.id, ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
        expect(hasCode(await store.incidents.unmerge('inc_nope' as IncidentId, ctx).catch((e: unknown) => e), 'not_found')).toBe(true)
      })

      it('sets the list indexes aside for a bulk load and rebuilds them, lists staying right meanwhile', async () => {
        const a = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const b = await store.incidents.create(incidentDraft('2014-02-01', 'YE'), ctx)
        const before = (await store.sources.add(sourceInput('A drone strike hit Datta Khel; a school was damaged.'), ctx)).source
        const aside = await store.bulk.deferIndexes()
        // SQLite sets aside its nine list and totals indexes, its index of claims by source and its full-text
        // trigger; PostgreSQL keeps its own.
        expect(aside).toBe(store.kind === 'sqlite' ? 12 : 0)
        expect((await store.incidents.list({ country: 'YE' })).items.map((i) => i.id)).toEqual([b.id])
        expect((await store.incidents.list({}, {}, 'date')).items.map((i) => i.id)).toEqual([a.id, b.id])
        const during = (await store.sources.add(sourceInput('A drone strike hit Datta Khel; a bakery was damaged.'), ctx)).source
        expect(await store.bulk.restoreIndexes()).toBe(aside)
        expect(await store.bulk.restoreIndexes()).toBe(0)
        expect((await store.incidents.list({ from: '2014-01-01' })).items.map((i) => i.id)).toEqual([b.id])
        // Sources stored while full-text indexing was aside are found once it is back, and those stored before still are.
        expect((await store.sources.search('Datta Khel')).items.map((h) => h.id).sort()).toEqual([before.id, during.id].sort())
        expect((await store.sources.search('bakery')).items.map((h) => h.id)).toEqual([during.id])
      })

      it('finds candidates near a date, nearest first, within the country', async () => {
        const near = await store.incidents.create(incidentDraft('2013-11-02'), ctx)
        const exact = await store.incidents.create(incidentDraft('2013-11-01'), ctx)
        const nowhere = await store.incidents.create(incidentDraft('2013-11-01', null), ctx)
        await store.incidents.create(incidentDraft('2013-11-01', 'YE'), ctx)
        await store.incidents.create(incidentDraft('2013-12-01'), ctx)
        const got = await store.incidents.candidates({ date: { start: '2013-11-01', end: '2013-11-01', precision: 'day' }, country: 'PK' })
        expect(got.map((i) => i.id)).toEqual([exact.id, nowhere.id].sort().concat(near.id))
        expect(await store.incidents.candidates({ date: { start: null, end: null, precision: null } })).toEqual([])
      })

      it('finds every incident overlapping the widened days, whatever the length of its period, also after its dates change', async () => {
        // Periods of one day to decades, read through ranges per span class: each must still be found exactly when
        // it overlaps, as a scan of every incident would find it.
        const made: { id: IncidentId; start: string; last: string }[] = []
        for (const [i, len] of SPAN_LENGTHS.entries()) {
          const start = addDays('2010-06-15', -len + (i % 3))
          const last = addDays(start, len)
          const inc = await store.incidents.create(incidentDraft(start, 'PK', { date: { start, end: last, precision: len === 0 ? 'day' : 'span' } }), ctx)
          made.push({ id: inc.id, start, last })
        }
        // One moved: its class changes with its length.
        const moved = made[2]!
        await store.incidents.update(moved.id, { date: { start: '2009-01-01', end: '2010-06-10', precision: 'span' } }, ctx)
        made[2] = { id: moved.id, start: '2009-01-01', last: '2010-06-10' }
        for (const day of ['2010-06-13', '2010-06-15', '2010-06-20', '2010-05-01', '2009-02-01', '1950-01-01']) {
          const lo = addDays(day, -3), hi = addDays(day, 3)
          const want = made.filter((m) => m.start <= hi && m.last >= lo).map((m) => m.id).sort()
          const got = await store.incidents.candidates({ date: { start: day, end: day, precision: 'day' }, country: 'PK', limit: 100 })
          expect(got.map((i) => i.id).sort(), day).toEqual(want)
        }
      })
    })

    it('sums totals by year, month, country and actor', async () => {
      const a = await store.incidents.create(incidentDraft('2012-03-01', 'PK'), ctx)
      const b = await store.incidents.create(incidentDraft('2012-07-01', 'YE'), ctx)
      const c = await store.incidents.create(incidentDraft('2013-01-05', 'PK'), ctx)
      await store.incidents.setFigures(a.id, [figure('total', 3, 5), figure('civilians', 1, 2)])
      await store.incidents.setFigures(b.id, [figure('total', 2, null)])
      await store.incidents.setFigures(c.id, [figure('total', 4, 4)])
      expect(await store.totals('year')).toEqual([
        { group: '2012', measure: 'killed', category: 'civilians', low: 1, high: 2, incidents: 1 },
        { group: '2012', measure: 'killed', category: 'total', low: 5, high: null, incidents: 2 },
        { group: '2013', measure: 'killed', category: 'total', low: 4, high: 4, incidents: 1 },
      ])
      expect(await store.totals('country', { category: 'total' })).toEqual([
        { group: 'PK', measure: 'killed', category: 'total', low: 7, high: 9, incidents: 2 },
        { group: 'YE', measure: 'killed', category: 'total', low: 2, high: null, incidents: 1 },
      ])
      expect((await store.totals('month', { from: '2012-06-01' })).map((r) => r.group)).toEqual(['2012-07', '2013-01'])
      expect((await store.totals('actor', { country: 'PK', category: 'total' }))[0]).toMatchObject({ group: 'United States', low: 7 })
    })

    it('sums an incident dated only to a year, or to dates in two months, under its year when grouping by month', async () => {
      const day = await store.incidents.create(incidentDraft('2012-03-01', 'PK'), ctx)
      const year = await store.incidents.create({ ...incidentDraft('2012-01-01', 'PK'), date: { start: '2012-01-01', end: '2012-12-31', precision: 'year' } }, ctx)
      const span = await store.incidents.create({ ...incidentDraft('2012-02-15', 'YE'), date: { start: '2012-02-15', end: '2012-03-02', precision: 'span' } }, ctx)
      const month = await store.incidents.create({ ...incidentDraft('2012-05-01', 'YE'), date: { start: '2012-05-01', end: '2012-05-31', precision: 'month' } }, ctx)
      await store.incidents.setFigures(day.id, [figure('total', 3, 5)])
      await store.incidents.setFigures(year.id, [figure('total', 10, 12)])
      await store.incidents.setFigures(span.id, [figure('total', 1, null)])
      await store.incidents.setFigures(month.id, [figure('total', 2, 2)])
      const row = (group: string, low: number, high: number | null, incidents: number) => ({ group, measure: 'killed', category: 'total', low, high, incidents })
      expect(await store.totals('month')).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1), row('2012-05', 2, 2, 1)])
      // Nothing lands in January, with or without a date filter (the full-scan path answers a casualty threshold).
      expect(await store.totals('month', { from: '2012-01-01', to: '2012-12-31' })).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1), row('2012-05', 2, 2, 1)])
      expect(await store.totals('month', { from: '2012-03-01', to: '2012-03-31' })).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1)])
      expect(await store.totals('month', { minCasualties: 1 })).toEqual([row('2012', 11, null, 2), row('2012-03', 3, 5, 1), row('2012-05', 2, 2, 1)])
      expect(await store.totals('year')).toEqual([row('2012', 16, null, 4)])
    })

    it('gives the same totals as summing every figure, for any filter, after updates and merges', async () => {
      const all = await randomIncidents(store)
      const expected = (g: 'year' | 'month' | 'country' | 'actor', f: TestFilter): unknown[] => {
        const acc = new Map<string, { group: string | null; measure: string; category: string; low: number; high: number | null; incidents: number }>()
        for (const inc of all) {
          if (inc.status !== 'active' || !matches(inc, f)) continue
          const withinMonth = inc.date.start?.slice(0, 7) === (inc.date.end ?? inc.date.start)?.slice(0, 7)
          const month = inc.date.start?.slice(0, withinMonth ? 7 : 4) ?? null
          const group = g === 'year' ? (inc.date.start?.slice(0, 4) ?? null) : g === 'month' ? month : g === 'country' ? (inc.place?.country ?? null) : inc.actor
          for (const fig of inc.figures) {
            if (f.category !== undefined && fig.category !== f.category) continue
            const k = `${group}|${fig.measure}|${fig.category}`
            const a = acc.get(k) ?? { group, measure: fig.measure, category: fig.category, low: 0, high: 0, incidents: 0 }
            a.low += fig.min ?? 0
            a.high = a.high === null || fig.max === null ? null : a.high + fig.max
            a.incidents++
            acc.set(k, a)
          }
        }
        // NUL after the group, so a year ("2012") sorts before its months ("2012-01") as the stores sort it.
        const key = (r: { group: string | null; measure: string; category: string }): string => `${r.group === null ? '\uffff' : r.group}\u0000${r.measure}|${r.category}`
        return [...acc.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1))
      }
      for (const f of FILTERS) {
        for (const g of ['year', 'month', 'country', 'actor'] as const) {
          expect(await store.totals(g, f), `${g} ${JSON.stringify(f)}`).toEqual(expected(g, f))
        }
      }
    })

    it('lists the same incidents as checking each one, for any filter and sort, after updates and merges', async () => {
      const all = await randomIncidents(store)
      const active = all.filter((i) => i.status === 'active')
      const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0)
      // Undated incidents sort last both ways; ties break on id.
      const byDate = (dir: 1 | -1) => (a: Incident, b: Incident): number =>
        cmp(a.date.start === null ? 1 : 0, b.date.start === null ? 1 : 0) || dir * cmp(a.date.start ?? '', b.date.start ?? '') || dir * cmp(a.id, b.id)
      const killedHigh = (i: Incident): number => Math.max(-1, ...i.figures.filter((g) => g.measure === 'killed').map((g) => g.max ?? Number.MAX_SAFE_INTEGER))
      const sorts = {
        date: byDate(1),
        '-date': byDate(-1),
        '-killed': (a: Incident, b: Incident): number => cmp(killedHigh(b), killedHigh(a)) || byDate(1)(a, b),
      }
      for (const f of FILTERS) {
        const want = active.filter((i) => matches(i, f))
        for (const [sort, order] of Object.entries(sorts) as [keyof typeof sorts, (a: Incident, b: Incident) => number][]) {
          const ids = [...want].sort(order).map((i) => i.id)
          const page = await store.incidents.list(f, { limit: 7, offset: 3 }, sort)
          expect({ f, sort, total: page.total, ids: page.items.map((i) => i.id) }).toEqual({ f, sort, total: ids.length, ids: ids.slice(3, 10) })
        }
      }
      expect(active.length).toBeGreaterThan(50)
      expect(FILTERS.filter((f) => !active.some((i) => matches(i, f)))).toEqual([])
    })

    it('replaces and lists findings, filtered by claim', async () => {
      await store.findings.replaceAll([finding('fnd_1', ['clm_a', 'clm_b']), finding('fnd_2', ['clm_b'])], await store.findings.beginCheck())
      expect((await store.findings.list()).items.map((x) => x.id)).toEqual(['fnd_1', 'fnd_2'])
      expect((await store.findings.list({ claimId: 'clm_a' as ClaimId })).items.map((x) => x.id)).toEqual(['fnd_1'])
      await store.findings.replaceAll([finding('fnd_3', ['clm_c'])], await store.findings.beginCheck())
      const after = await store.findings.list()
      // A finding nobody has reviewed is open.
      expect(after.items).toEqual([{ ...finding('fnd_3', ['clm_c']), status: 'open', reason: null }])
      expect((await store.findings.list({ kind: 'tension' })).total).toBe(0)
    })

    it('confirms and dismisses findings with a reason, as revisions kept across check runs, and lists them by status', async () => {
      await store.findings.replaceAll([finding('fnd_r1', ['clm_a']), finding('fnd_r2', ['clm_b'])], await store.findings.beginCheck())
      const dismissed = await store.findings.review('fnd_r1' as FindingId, 'dismissed', { actor: 'editor-alice', why: 'two strikes taken for one' })
      expect(dismissed).toMatchObject({ id: 'fnd_r1', status: 'dismissed', reason: 'two strikes taken for one' })
      // The next check run finds the same finding again (same kind, same claims): its review stays.
      await store.findings.replaceAll([finding('fnd_r1', ['clm_a']), finding('fnd_r2', ['clm_b'])], await store.findings.beginCheck())
      expect((await store.findings.list({ status: 'dismissed' })).items.map((x) => x.id)).toEqual(['fnd_r1'])
      expect((await store.findings.list({ status: 'open' })).items.map((x) => x.id)).toEqual(['fnd_r2'])
      await store.findings.review('fnd_r1' as FindingId, 'open', { actor: 'editor-bob', why: 'the sources do speak of one strike' })
      expect((await store.findings.list({ status: 'open' })).total).toBe(2)
      const history = (await store.revisions.list({ entityType: 'finding', entityId: 'fnd_r1' })).items
      expect(history.map((r) => [r.action, r.actor, r.why])).toEqual([
        ['reopen', 'editor-bob', 'the sources do speak of one strike'],
        ['dismiss', 'editor-alice', 'two strikes taken for one'],
      ])
      await expect(store.findings.review('fnd_nope' as FindingId, 'confirmed', { actor: 'x', why: 'y' })).rejects.toThrow('finding fnd_nope not found')
      await store.findings.replaceAll([], await store.findings.beginCheck())
    })

    it('never lets a check run replace the findings of one begun after it', async () => {
      const first = await store.findings.beginCheck()
      const second = await store.findings.beginCheck()
      expect(second).toBeGreaterThan(first)
      expect(await store.findings.replaceAll([finding('fnd_new', ['clm_b'])], second)).toBe(true)
      // The earlier run finishes last (it read the claims before the second run did): its findings are dropped.
      expect(await store.findings.replaceAll([finding('fnd_old', ['clm_a'])], first)).toBe(false)
      expect((await store.findings.list()).items.map((x) => x.id)).toEqual(['fnd_new'])
      expect(await store.findings.replaceAll([], await store.findings.beginCheck())).toBe(true)
      expect((await store.findings.list()).total).toBe(0)
    })

    it('stores tokens hashed, verifies secrets and revokes', async () => {
      const { token, record } = await store.tokens.create('ci', 'editor', ctx)
      expect(record.hash).toBe(createHash('sha256').update(token).digest('hex'))
      expect(await store.tokens.verify(token)).toMatchObject({ id: record.id, role: 'editor' })
      expect(await store.tokens.verify(token + 'x')).toBeNull()
      const revs = await store.revisions.list({ entityType: 'token' })
      expect(JSON.stringify(revs.items)).not.toContain(token)
      await store.tokens.revoke(record.id, ctx)
      expect(await store.tokens.verify(token)).toBeNull()
      expect((await store.tokens.list())[0]!.revokedAt).not.toBeNull()
      expect(hasCode(await store.tokens.revoke('tok_x' as TokenId, ctx).catch((e: unknown) => e), 'not_found')).toBe(true)
    })

    it('imports records in bulk idempotently, with linked claims, figures and one revision per batch', async () => {
      const recs: ImportRecord[] = Array.from({ length: 30 }, (_, i) => {
        const text = `Dataset row ${i}: ${i + 1} killed in a drone strike.`
        const src = sourceInput(text, { kind: 'dataset', title: `row ${i}` })
        const d = draft(text, text.indexOf(':') + 2, text.indexOf(' in a'), { min: i + 1, max: i + 1, extractor: 'import:test' })
        const id = claimIdFor(sourceIdFor(src.sha256), d)
        return {
          source: src,
          claims: [d, d],
          incident: incidentDraft(`2012-0${(i % 9) + 1}-01`, i % 2 === 0 ? 'PK' : 'YE'),
          figures: [{ ...figure('total', i + 1, i + 1), lowClaims: [id], highClaims: [id], claims: [id] }],
          linkReason: `row ${i}`,
        }
      })
      const first = await store.bulk.importRecords(recs, { actor: 'import:test' })
      expect(first).toEqual({ sources: 30, claims: 30, incidents: 30, skipped: 0, superseded: 0, revised: [], linked: expect.any(Array) })
      const again = await store.bulk.importRecords([...recs.slice(0, 5), ...recs.slice(0, 5)], { actor: 'import:test' })
      // Rows already stored join nothing: a matcher given `linked` never looks at them again.
      expect(again).toEqual({ sources: 0, claims: 0, incidents: 0, skipped: 10, superseded: 0, revised: [], linked: [] })
      expect(await store.sources.count()).toBe(30)
      expect((await store.sources.search('drone strike')).total).toBe(30)
      const incidents = await store.incidents.list({}, { limit: 100 })
      expect(incidents.total).toBe(30)
      expect(incidents.items.every((i) => i.links.length === 1 && i.sourceCount === 1)).toBe(true)
      expect([...first.linked].sort()).toEqual(incidents.items.map((i) => i.id).sort())
      const total = (await store.totals('country')).reduce((n, r) => n + r.low, 0)
      expect(total).toBe((30 * 31) / 2)
      expect((await store.revisions.list({ entityType: 'import' })).total).toBe(1)
    })

    describe('re-issued dataset rows', () => {
      /** Version `v` of dataset row `key`: its text, and so its hash, differs by version; `killed` is its figure. */
      const row = (key: string, v: number, killed: number, place = 'Miranshah'): ImportRecord => {
        const text = `id: ${key}\nversion: ${v}\nlocation: ${place}\nfatalities: ${killed}`
        const d = draft(text, text.indexOf('fatalities'), text.length, { min: killed, max: killed, extractor: 'import:test', claimant: 'Dataset' })
        const id = claimIdFor(sourceIdFor(sourceInput(text).sha256), d)
        return {
          source: sourceInput(text, { kind: 'dataset', externalId: key }),
          claims: [d],
          incident: incidentDraft('2013-11-01', 'PK', { place: { name: place, admin1: null, country: 'PK', lat: null, lon: null, precision: 'locality', precisionCode: 'TEST geo 1' } }),
          figures: [{ ...figure('total', killed, killed), lowClaims: [id], highClaims: [id], claims: [id] }],
          linkReason: `import:test row ${key}`,
          rowKey: `test:${key}`,
        }
      }
      const imp = { actor: 'cli', why: 'reckon import --format test revised.csv' }

      it('a row re-issued with new contents supersedes its earlier version in the same incident, keeping the old source', async () => {
        const v1 = row('A1', 1, 4)
        await store.bulk.importRecords([v1, row('B1', 1, 2)], { actor: 'cli', why: 'first import' })
        const [incident] = (await store.incidents.list({}, { limit: 10 })).items.filter((i) => i.links.some((l) => l.reason.includes('A1')))
        const oldClaim = (await store.claims.list({ sourceId: sourceIdFor(v1.source.sha256) })).items[0]!
        expect(oldClaim.incidentId).toBe(incident!.id)

        const v2 = row('A1', 2, 7, 'Mir Ali')
        const s = await store.bulk.importRecords([v2, row('B1', 1, 2)], imp)
        // The re-issued row joined its earlier version's incident: that is the one a matcher looks at.
        expect(s).toEqual({ sources: 1, claims: 1, incidents: 0, skipped: 1, superseded: 1, revised: [incident!.id], linked: [incident!.id] })
        // The old source stays, unchanged; its claim is kept but rejected, with a revision naming the import.
        expect((await store.sources.get(sourceIdFor(v1.source.sha256)))?.text).toBe(v1.source.text)
        expect(await store.sources.count()).toBe(3)
        const old = (await store.claims.get(oldClaim.id))!
        expect(old).toMatchObject({ status: 'rejected', incidentId: incident!.id })
        const rev = (await store.revisions.list({ entityType: 'claim', entityId: oldClaim.id })).items[0]!
        expect(rev).toMatchObject({ action: 'supersede', actor: 'cli', before: { status: 'proposed' }, after: { status: 'rejected', supersededBy: sourceIdFor(v2.source.sha256) } })
        expect(rev.why).toMatch(/^reckon import --format test revised\.csv: row test:A1 re-issued/)
        // The new claim joins the same incident, which takes the row's new description; no second incident.
        const fresh = (await store.claims.list({ sourceId: sourceIdFor(v2.source.sha256) })).items[0]!
        expect(fresh).toMatchObject({ status: 'proposed', incidentId: incident!.id, min: 7 })
        const after = (await store.incidents.get(incident!.id))!
        expect(after.place?.name).toBe('Mir Ali')
        expect(after.sourceCount).toBe(1)
        expect((await store.incidents.list({}, { limit: 10 })).total).toBe(2)
        const incRevs = (await store.revisions.list({ entityType: 'incident', entityId: incident!.id })).items.map((r) => r.action)
        expect(incRevs).toEqual(expect.arrayContaining(['revise', 'update']))
        // Importing either version again adds nothing and supersedes nothing.
        expect(await store.bulk.importRecords([v1, v2], imp)).toMatchObject({ sources: 0, skipped: 2, superseded: 0 })
        expect((await store.claims.get(fresh.id))?.status).toBe('proposed')
      })

      it('during a load with indexes set aside, a re-issued row has the indexes of claims by source and by id back before it supersedes', async () => {
        const aside = await store.bulk.deferIndexes()
        const v1 = row('E1', 1, 2)
        expect(await store.bulk.importRecords([v1, row('F1', 1, 1)], imp)).toMatchObject({ sources: 2, superseded: 0 })
        expect(await store.bulk.importRecords([row('E1', 2, 3)], imp)).toMatchObject({ sources: 1, superseded: 1 })
        expect((await store.claims.list({ sourceId: sourceIdFor(v1.source.sha256) })).items.map((c) => c.status)).toEqual(['rejected'])
        // Already rebuilt by the supersede: what is left to restore is two fewer than was set aside.
        expect(await store.bulk.restoreIndexes()).toBe(Math.max(0, aside - 2))
      })

      it('into an empty store, a load sets the id indexes aside too and still stores each row once, a rolled-back batch included', async () => {
        const aside = await store.bulk.deferIndexes()
        // SQLite: the eleven indexes and trigger any load sets aside, and the unique indexes on source and claim ids.
        expect(aside).toBe(store.kind === 'sqlite' ? 14 : 0)
        const [g, h, k] = [row('G1', 1, 2), row('H1', 1, 1), row('K1', 1, 4)]
        expect(await store.bulk.importRecords([g, h, g], imp)).toMatchObject({ sources: 2, claims: 2, skipped: 1 })
        expect(await store.bulk.importRecords([h], imp)).toMatchObject({ sources: 0, skipped: 1 })
        // A batch that rolled back stored nothing, so its row is not skipped as stored when it comes again.
        const abort = store.transaction(async (tx) => {
          expect(await tx.bulk.importRecords([k], imp)).toMatchObject({ sources: 1 })
          throw new Error('abort the batch')
        })
        await expect(abort).rejects.toThrow('abort the batch')
        expect(await store.bulk.importRecords([k], imp)).toMatchObject({ sources: 1, skipped: 0 })
        // A source added outside the load puts the id indexes back first, and they check it and every row after it.
        const text = 'A drone strike hit Datta Khel; a school was damaged.'
        expect((await store.sources.add(sourceInput(text), ctx)).created).toBe(true)
        expect((await store.sources.add(sourceInput(text), ctx)).created).toBe(false)
        expect(await store.bulk.importRecords([g, k, row('L1', 1, 3)], imp)).toMatchObject({ sources: 1, skipped: 2 })
        expect(await store.bulk.restoreIndexes()).toBe(store.kind === 'sqlite' ? 12 : 0)
        expect(await store.sources.count()).toBe(5)
        expect((await store.claims.list({}, { limit: 100 })).total).toBe(4)
        expect((await store.incidents.list({}, { limit: 100 })).total).toBe(4)
        expect(await store.bulk.importRecords([g, h, k], imp)).toMatchObject({ sources: 0, skipped: 3 })
      })

      it('a file that re-issues a row further down, in one batch, stores both versions in order; a merged incident is followed', async () => {
        const s = await store.bulk.importRecords([row('C1', 1, 3), row('D1', 1, 1), row('C1', 2, 5)], imp)
        expect(s).toMatchObject({ sources: 3, incidents: 2, superseded: 1 })
        const claims = (await store.claims.list({}, { limit: 10 })).items
        expect(claims.map((c) => [c.min, c.status])).toEqual([[3, 'rejected'], [1, 'proposed'], [5, 'proposed']])
        expect(claims[0]!.incidentId).toBe(claims[2]!.incidentId)
        // The incident of C1 is merged into D1's: a third version joins the survivor.
        await store.incidents.merge(claims[0]!.incidentId!, claims[1]!.incidentId!, { actor: 'ana' })
        const v3 = row('C1', 3, 6, 'Datta Khel')
        const r = await store.bulk.importRecords([v3], imp)
        expect(r).toMatchObject({ superseded: 1, incidents: 0, revised: [claims[1]!.incidentId] })
        const c3 = (await store.claims.list({ sourceId: sourceIdFor(v3.source.sha256) })).items[0]!
        expect(c3.incidentId).toBe(claims[1]!.incidentId)
        expect((await store.claims.get(claims[2]!.id))?.status).toBe('rejected')
        // The survivor holds D1's claims too: it keeps its own description.
        expect((await store.incidents.get(c3.incidentId!))?.place?.name).toBe('Miranshah')
      })
    })

    describe('transactions', () => {
      it('commits everything or nothing', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.sources.add(sourceInput('rolled back'), ctx)
            throw new Error('boom')
          }),
        ).rejects.toThrow('boom')
        expect(await store.sources.count()).toBe(0)
        expect((await store.revisions.list()).total).toBe(0)
        const id = await store.transaction(async (tx) => {
          const { source } = await tx.sources.add(sourceInput('kept'), ctx)
          await tx.transaction((inner) => inner.claims.addForSource(source.id, [draft('kept', 0, 4)], ctx))
          return source.id
        })
        expect((await store.claims.list({ sourceId: id })).total).toBe(1)
      })

      it('keeps concurrent writers from interleaving inside a transaction', async () => {
        const slow = store.transaction(async (tx) => {
          await tx.sources.add(sourceInput('first'), ctx)
          await new Promise((r) => setTimeout(r, 20))
          throw new Error('abort')
        })
        const other = store.sources.add(sourceInput('second'), ctx)
        await expect(slow).rejects.toThrow('abort')
        await other
        expect((await store.sources.list()).items.map((s) => s.sha256)).toEqual([sourceInput('second').sha256])
      })
    })
  })
}
