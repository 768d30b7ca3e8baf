/**
 * @module The request mix of bench/api.mjs: incident-list and totals URLs with filters, sorts, page sizes and offsets
 * drawn from a seeded generator, the way people using the web app and the API spread their queries.
 */
import { ACTORS, COUNTRIES } from './api-data.mjs'

const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted']

/** A seeded generator, so every run (and every store) gets the same sequence of requests. */
export function generator(seedValue) {
  let s = seedValue >>> 0
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const pick = (xs) => xs[Math.floor(rand() * xs.length)]
  const chance = (p) => rand() < p
  return { rand, int, pick, chance }
}

const pad = (n) => String(n).padStart(2, '0')

/** The filters a person sets in the web app's filter form, in the proportions a mixed audience might use them. */
function filters(g) {
  const q = {}
  if (g.chance(0.6)) {
    const y = g.int(2004, 2024)
    const from = `${y}-${pad(g.int(1, 12))}-${pad(g.int(1, 28))}`
    const days = g.pick([7, 31, 92, 365, 730, 1826])
    const to = new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10)
    if (g.chance(0.85)) q.from = from
    if (g.chance(0.85)) q.to = to
  }
  if (g.chance(0.5)) q.country = g.pick(COUNTRIES)
  if (g.chance(0.3)) q.actor = g.pick(ACTORS)
  if (g.chance(0.2)) q.category = g.pick(['total', 'civilians'])
  if (g.chance(0.15)) q.grade = g.pick(GRADES)
  if (g.chance(0.3)) q.minCasualties = g.int(1, 15)
  return q
}

const url = (path, q) => `${path}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`

/** Incident-list requests: the table's pages (25), the API default (50), the map's and timeline's pages (500). */
export function incidentRequests(g) {
  return () => {
    const q = filters(g)
    q.sort = g.pick(['-date', '-date', '-date', 'date', '-killed'])
    q.limit = g.pick([25, 25, 50, 50, 50, 50, 50, 50, 50, 500])
    // Most people stay on the first pages; some page deep, up to offset 5000.
    q.offset = g.chance(0.6) ? 0 : q.limit * g.int(1, Math.floor(5000 / q.limit))
    return url('/api/incidents', q)
  }
}

/** Totals requests: the timeline (by month) and the summaries by year, country and actor, with the same filters. */
export function totalsRequests(g) {
  return () => url('/api/totals', { ...filters(g), groupBy: g.pick(['month', 'month', 'year', 'year', 'country', 'actor']) })
}

