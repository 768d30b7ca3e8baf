/**
 * @module Datasets side by side: where two datasets (ACLED, UCDP GED, TBIJ/dronestream) record the same strike
 * (one incident after matching), figures that cannot both be true are a contradiction; and for each country and
 * year, each dataset's summed figures are set beside the others'.
 *
 * A dataset's figure for an incident is the envelope of its rows' claims there. Two datasets' figures for one
 * incident contradict when their ranges do not overlap ("ACLED: 4 killed; UCDP: 12–14 killed"): each dataset gives
 * its final count, so unlike early and late news reports, they are meant to hold together. Sums per period never
 * contradict (datasets cover different strikes); they are reported for comparison, with the incidents each counts.
 */
import { counts, type Claim, type ClaimId, type Finding, type Measure, type Category } from '../domain/index.js'
import { findingId } from './finding-id.js'
import { originOf } from './match-incidents.js'

/** The claim fields the comparison reads. */
export type CompareClaim = Pick<Claim, 'id' | 'incidentId' | 'extractor' | 'measure' | 'category' | 'min' | 'max' | 'period' | 'place' | 'claimant' | 'status' | 'scope'>

/** One dataset's figure in one period row. */
export interface DatasetSum {
  readonly dataset: string
  readonly claimant: string | null
  readonly incidents: number
  readonly low: number
  /** Null when any of its incidents is unbounded above. */
  readonly high: number | null
}

/** One (country, year, measure, category) with the sums of every dataset that records strikes there. */
export interface DatasetPeriodRow {
  readonly country: string | null
  readonly year: string | null
  readonly measure: Measure
  readonly category: Category
  readonly datasets: readonly DatasetSum[]
  /** Incidents recorded by two or more of these datasets. */
  readonly shared: number
  /** True when the datasets' summed ranges overlap. */
  readonly agree: boolean
}

interface Envelope {
  low: number | null
  high: number | null
  open: boolean
  lowClaim: ClaimId
  highClaim: ClaimId
  claimant: string | null
  country: string | null
  year: string | null
}

/** Collects dataset claims one at a time (from a store's batches) and compares datasets at the end. */
export class DatasetComparer {
  // incident → origin → "measure|category" → envelope
  private readonly byIncident = new Map<string, Map<string, Map<string, Envelope>>>()

  /** Takes one claim; only counting, incident-scope claims from dataset rows that sit in an incident are kept. */
  add(c: CompareClaim): void {
    if (c.incidentId === null || c.scope !== 'incident' || !counts(c)) return
    const origin = originOf(c.extractor)
    if (origin === 'report') return
    let origins = this.byIncident.get(c.incidentId)
    if (!origins) {
      origins = new Map<string, Map<string, Envelope>>()
      this.byIncident.set(c.incidentId, origins)
    }
    let figures = origins.get(origin)
    if (!figures) {
      figures = new Map<string, Envelope>()
      origins.set(origin, figures)
    }
    const key = `${c.measure}|${c.category}`
    const low = c.min ?? c.max
    const high = c.max ?? c.min
    const e = figures.get(key)
    if (!e) {
      figures.set(key, { low, high, open: c.max === null, lowClaim: c.id, highClaim: c.id, claimant: c.claimant, country: c.place?.country ?? null, year: c.period.start?.slice(0, 4) ?? null })
      return
    }
    if (low !== null && (e.low === null || low < e.low)) {
      e.low = low
      e.lowClaim = c.id
    }
    if (high !== null && (e.high === null || high > e.high)) {
      e.high = high
      e.highClaim = c.id
    }
    if (c.max === null) e.open = true
  }

  /** Contradictions: two datasets' figures for one incident whose ranges do not overlap. */
  findings(): Finding[] {
    const out: Finding[] = []
    for (const [incidentId, origins] of this.byIncident) {
      if (origins.size < 2) continue
      const list = [...origins].sort(([a], [b]) => (a < b ? -1 : 1))
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          for (const [key, a] of list[i]![1]) {
            const b = list[j]![1].get(key)
            if (!b) continue
            const [lo, hi] = highOf(a) !== null && (b.low ?? 0) > highOf(a)! ? [a, b] : highOf(b) !== null && (a.low ?? 0) > highOf(b)! ? [b, a] : [null, null]
            if (lo === null || hi === null) continue
            const [measure, category] = key.split('|') as [Measure, Category]
            const claims = [lo.highClaim, hi.lowClaim]
            out.push({
              id: findingId('contradiction', claims),
              kind: 'contradiction',
              measure,
              category,
              claims,
              claimants: [lo.claimant, hi.claimant],
              summary: `${lo.claimant ?? list[i]![0]} and ${hi.claimant ?? list[j]![0]} record the same strike (${incidentId}) with ${category} ${measure} that cannot both be true: ${lo.claimant ?? 'one'} ${rangeText(lo)}, ${hi.claimant ?? 'the other'} ${rangeText(hi)}`,
              arithmetic: `${highOf(lo)} < ${hi.low}`,
            })
          }
        }
      }
    }
    return out
  }

  /** Per (country, year, measure, category), each dataset's sums, where two or more datasets record strikes. */
  periods(): DatasetPeriodRow[] {
    interface Acc { incidents: number; low: number; high: number | null; claimant: string | null }
    const rows = new Map<string, { country: string | null; year: string | null; measure: Measure; category: Category; sums: Map<string, Acc>; shared: number }>()
    for (const origins of this.byIncident.values()) {
      const keysHere = new Set<string>()
      for (const [origin, figures] of origins) {
        for (const [key, e] of figures) {
          const [measure, category] = key.split('|') as [Measure, Category]
          const rowKey = `${e.country ?? ''}|${e.year ?? ''}|${key}`
          let row = rows.get(rowKey)
          if (!row) {
            row = { country: e.country, year: e.year, measure, category, sums: new Map<string, Acc>(), shared: 0 }
            rows.set(rowKey, row)
          }
          const acc = row.sums.get(origin) ?? { incidents: 0, low: 0, high: 0, claimant: e.claimant }
          acc.incidents++
          acc.low += e.low ?? 0
          const h = highOf(e)
          acc.high = acc.high === null || h === null ? null : acc.high + h
          row.sums.set(origin, acc)
          if (origins.size > 1 && !keysHere.has(rowKey)) {
            keysHere.add(rowKey)
            row.shared++
          }
        }
      }
    }
    const out: DatasetPeriodRow[] = []
    for (const r of rows.values()) {
      if (r.sums.size < 2) continue
      const datasets = [...r.sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([dataset, s]) => ({ dataset, claimant: s.claimant, incidents: s.incidents, low: s.low, high: s.high }))
      const agree = datasets.every((a) => datasets.every((b) => a.high === null || b.low <= a.high))
      out.push({ country: r.country, year: r.year, measure: r.measure, category: r.category, datasets, shared: r.shared, agree })
    }
    return out.sort((a, b) => cmp(a.country, b.country) || cmp(a.year, b.year) || cmp(a.measure, b.measure) || cmp(a.category, b.category))
  }
}

const cmp = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1)

/** An envelope's high: open when a claim leaves it unbounded. */
const highOf = (e: Envelope): number | null => (e.open ? null : e.high)

function rangeText(e: Envelope): string {
  const h = highOf(e)
  if (h === null) return `at least ${e.low ?? 0}`
  return e.low === h ? `${h}` : `${e.low ?? 0}–${h}`
}
