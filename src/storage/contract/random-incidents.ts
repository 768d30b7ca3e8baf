/** @module Random incidents and filters, with an in-memory reference of what a filter matches, for the list and totals tests. */
import type { IncidentId } from '../../domain/ids.js'
import type { Incident } from '../../domain/incident.js'
import type { IncidentFilter, Store } from '../store.js'
import { ctx, figure, incidentDraft } from './fixtures.js'

export type TestFilter = Pick<IncidentFilter, 'from' | 'to' | 'country' | 'actor' | 'category' | 'grade' | 'minCasualties'>

/**
 * Sixty incidents from a seeded generator (month edges, open ends, no dates, no country, unbounded highs, killed and
 * injured figures, grades set by reconciliation or by hand), then an update, new figures and a merge; returns every
 * incident, merged ones included.
 */
export async function randomIncidents(store: Store): Promise<Incident[]> {
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
export function matches(inc: Incident, f: TestFilter): boolean {
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
export const FILTERS: readonly TestFilter[] = [
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
