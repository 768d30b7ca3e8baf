/**
 * @module Where and when one strike happened: the most precise place and date its claims support without conflict,
 * each with the claim that sets it, and the pair of claims that conflict when two cannot both hold.
 *
 * A report that names a village near Miranshah puts the incident there, not at "Pakistan": places that nest (the
 * village inside its district inside its country) all hold, and the finest wins. Two places that cannot both hold
 * (two provinces, two countries) are a conflict; the incident's place is then the finest place that holds with every
 * claim (often the country they share), never a silent pick of one side. Only places finer than a country can
 * conflict: a country a sentence names is as often the striking party's ("a US drone", "Russian jets") as the place
 * struck, so it never overrules a province or a village. Dates likewise: the narrowest period that overlaps every
 * claim's, and two periods that do not overlap are a conflict.
 */
import type { Claim, ClaimId, Period, Place } from '../domain/index.js'
import { comparePlaces, type PlaceRelation } from './place-relation.js'

/** The claim fields the setting reads. */
export type SettingClaim = Pick<Claim, 'id' | 'period' | 'place'> & Partial<Pick<Claim, 'status'>>

/** An incident's place and date as its claims set them, and the claims that conflict on either. */
export interface IncidentSetting {
  readonly place: Place | null
  /** The claim whose place is the incident's; null when no claim names a place, or when conflicting places leave only the country they share. */
  readonly placeClaim: ClaimId | null
  readonly date: Period
  /** The claim whose date is the incident's; null when no claim is dated. */
  readonly dateClaim: ClaimId | null
  /** Two claims whose places cannot both hold (finest first), or null. */
  readonly placeConflict: readonly [ClaimId, ClaimId] | null
  /** Two claims whose dates cannot both hold (earliest first), or null. */
  readonly dateConflict: readonly [ClaimId, ClaimId] | null
}

// Finer first: a lower rank is more precise.
const RANK: Readonly<Record<string, number>> = { exact: 0, locality: 1, district: 2, region: 3, country: 4, unknown: 5 }
const rank = (p: Place): number => RANK[p.precision] ?? 5

const dated = (p: Period): boolean => p.start !== null && p.end !== null
const meet = (a: Period, b: Period): boolean => a.start! <= b.end! && b.start! <= a.end!
/** How many days a period spans, to find the narrowest. */
const width = (p: Period): number => (Date.parse(p.end!) - Date.parse(p.start!)) / 86_400_000

const NO_DATE: Period = { start: null, end: null, precision: null }

/** The most precise place and date the claims support without conflict, each with its claim, and any conflict. */
export function incidentSetting(claims: readonly SettingClaim[], relation: PlaceRelation = comparePlaces): IncidentSetting {
  const live = claims.filter((c) => c.status !== 'rejected')

  const placed = live.filter((c): c is SettingClaim & { place: Place } => c.place !== null)
  placed.sort((a, b) => rank(a.place) - rank(b.place))
  const finer = placed.filter((c) => rank(c.place) < RANK.country!)
  let placeConflict: [ClaimId, ClaimId] | null = null
  for (let i = 0; i < finer.length && placeConflict === null; i++) {
    for (let j = i + 1; j < finer.length; j++) {
      if (relation(finer[i]!.place, finer[j]!.place) === 'disjoint') {
        placeConflict = [finer[i]!.id, finer[j]!.id]
        break
      }
    }
  }
  // The finest place that no finer-than-country place of another claim rules out.
  const placeFrom = placed.find((c) => finer.every((o) => o === c || relation(c.place, o.place) !== 'disjoint')) ?? null

  const withDate = live.filter((c) => dated(c.period))
  withDate.sort((a, b) => width(a.period) - width(b.period) || a.period.start!.localeCompare(b.period.start!))
  let dateConflict: [ClaimId, ClaimId] | null = null
  for (let i = 0; i < withDate.length && dateConflict === null; i++) {
    for (let j = i + 1; j < withDate.length; j++) {
      const a = withDate[i]!, b = withDate[j]!
      if (!meet(a.period, b.period)) {
        dateConflict = a.period.start! <= b.period.start! ? [a.id, b.id] : [b.id, a.id]
        break
      }
    }
  }
  const dateFrom = withDate.find((c) => withDate.every((o) => o === c || meet(c.period, o.period))) ?? null

  // Places in conflict with no claim naming what they share: the country they share, set by no single claim.
  const countries = new Set(finer.map((c) => c.place.country))
  const shared = countries.size === 1 ? [...countries][0]! : null
  const sharedPlace: Place | null = placeFrom === null && shared !== null ? { name: null, admin1: null, admin2: null, country: shared, lat: null, lon: null, precision: 'country' } : null
  return {
    place: placeFrom?.place ?? sharedPlace,
    placeClaim: placeFrom?.id ?? null,
    date: dateFrom?.period ?? NO_DATE,
    dateClaim: dateFrom?.id ?? null,
    placeConflict,
    dateConflict,
  }
}
