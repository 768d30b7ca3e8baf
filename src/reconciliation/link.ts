/**
 * @module Linking: does an incident-scope claim describe a strike already on record, and which one?
 *
 * Hard rules first: a claim never joins an incident whose date (widened by the precision of either date), place,
 * or actor is incompatible with it, nor one holding a claim from the same source about a different event. Among
 * the compatible incidents, evidence adds up to a score in [0, 1]:
 * - the same source and eventKey (the same strike in one report): joins outright;
 * - a named person, target or village in common: strong;
 * - the same day, and a place known at district level or finer that matches: together enough to join;
 * - the same actor, a date that only overlaps, a place matching at region or country level: weak support.
 * A claim joins the best incident whose score reaches `JOIN_THRESHOLD`, or the only compatible incident when both
 * are dated to within a week, their dates overlap and both name the same actor; otherwise it opens a new incident.
 * Compatibility is judged against every claim already linked, not only the incident's (first) date and place.
 * Every decision carries a reason a person can read, recorded with the link.
 */
import type { Claim, Incident, IncidentId, Period, Place } from '../domain/index.js'
import { addDays } from '../domain/index.js'
import { gazetteerPlaceRelation, isPlaceName } from './gazetteer-knowledge.js'
import { comparePlaces, type PlaceRelation } from './place-relation.js'
import { sameActor } from './actor.js'
import { normaliseName } from './scope.js'

export { comparePlaces, type PlaceRelation }

/** The score at or above which a claim joins an incident. */
export const JOIN_THRESHOLD = 0.6

/** The claim fields linking reads. */
export type LinkClaim = Pick<Claim, 'id' | 'sourceId' | 'scope' | 'period' | 'place' | 'actor' | 'eventKey' | 'names'> &
  Partial<Pick<Claim, 'status' | 'quote' | 'measure' | 'category' | 'min' | 'max'>>

/** An incident with the claims already linked to it. */
export type LinkCandidate = Pick<Incident, 'id' | 'date' | 'place' | 'actor'> &
  Partial<Pick<Incident, 'target' | 'victims'>> & { readonly claims: readonly LinkClaim[] }

/** The linker's answer for one claim: the incident to join (null: open a new one), why, and how sure. */
export interface LinkDecision {
  readonly incidentId: IncidentId | null
  readonly reason: string
  readonly score: number
}

/** One ranked suggestion for the review UI. */
export interface IncidentSuggestion {
  readonly incidentId: IncidentId
  readonly score: number
  readonly reason: string
}

/** Options: how places relate (default: the gazetteer's hierarchy), and the join threshold. */
export interface LinkOptions {
  readonly placeRelation?: PlaceRelation
  readonly threshold?: number
}

/** Slack around a date, in days, for its precision: reports of one strike often differ by a day (time zones, night). */
function slack(p: Period): number {
  switch (p.precision) {
    case 'day':
      return 1
    case 'week':
      return 3
    default:
      return 0
  }
}

function widen(p: Period): Period {
  const s = slack(p)
  return { ...p, start: p.start === null ? null : addDays(p.start, -s), end: p.end === null ? null : addDays(p.end, s) }
}

const known = (p: Period): boolean => p.start !== null || p.end !== null

/** Longest period, in days, that still dates one strike closely enough to tell it from others by date alone. */
const NARROW_DAYS = 7

/** True when a period is bounded on both sides and at most a week long. */
function narrow(p: Period): boolean {
  if (p.start === null || p.end === null) return false
  if (p.precision === 'month' || p.precision === 'year') return false
  return addDays(p.start, NARROW_DAYS - 1) >= p.end
}

const placeLabel = (p: Place): string => p.name ?? p.admin1 ?? p.country ?? 'unknown place'

function overlaps(a: Period, b: Period): boolean {
  return (a.start === null || b.end === null || a.start <= b.end) && (b.start === null || a.end === null || b.start <= a.end)
}

function sameDay(a: Period, b: Period): boolean {
  return a.start !== null && a.start === a.end && b.start !== null && b.start === b.end && a.start === b.start
}

/** True when `a` and `b` name the same person or place: equal, or one's words all inside the other's. */
export function namesMatch(a: string, b: string): boolean {
  const x = normaliseName(a), y = normaliseName(b)
  if (x === '' || y === '') return false
  if (x === y) return true
  const wx = x.split(' '), wy = y.split(' ')
  const [short, long] = wx.length <= wy.length ? [wx, new Set(wy)] : [wy, new Set(wx)]
  // A single short word ("Khan") is too common to identify anyone.
  if (short.length === 1 && (short[0] ?? '').length < 5) return false
  return short.every((w) => long.has(w))
}

/** Words of a quote, lower case, without punctuation or line breaks: how two copies of one sentence compare. */
const sentenceKey = (q: string): string => normaliseName(q)

/** A claim in `others` from another source quoting the same sentence for the same figure, if any. */
function sameSentence(claim: LinkClaim, others: readonly LinkClaim[]): LinkClaim | undefined {
  if (claim.quote === undefined || claim.measure === undefined) return undefined
  const key = sentenceKey(claim.quote)
  // Very short quotes ("5 killed.") say too little to identify a report.
  if (key.split(' ').length < 6) return undefined
  return others.find(
    (c) => c.sourceId !== claim.sourceId && c.quote !== undefined && c.measure === claim.measure && c.category === claim.category && c.min === claim.min && c.max === claim.max && sentenceKey(c.quote) === key,
  )
}

/** Kilometres within which two located places may be one site, by the coarser place's precision. */
const RADIUS_KM: Readonly<Record<Place['precision'], number>> = { exact: 5, locality: 10, district: 50, region: 250, country: Infinity, unknown: Infinity }

/** Great-circle distance between two located places, in kilometres; null when either has no coordinates. */
function distanceKm(a: Place, b: Place): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null
  const rad = Math.PI / 180
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The radius within which `a` and `b` could be the same site: the coarser precision's. */
const radiusKm = (a: Place, b: Place): number => Math.max(RADIUS_KM[a.precision], RADIUS_KM[b.precision])

interface Assessment {
  readonly compatible: boolean
  readonly score: number
  readonly reasons: readonly string[]
  /** Known dates that overlap, the same named actor, and no conflicting names: enough when it is the only candidate. */
  readonly corroborated?: boolean
}

function assess(claim: LinkClaim, cand: LinkCandidate, placeRelation: PlaceRelation): Assessment {
  const reasons: string[] = []
  const live = cand.claims.filter((c) => c.status !== 'rejected')
  const sameSource = live.filter((c) => c.sourceId === claim.sourceId)
  if (claim.eventKey !== null && sameSource.some((c) => c.eventKey === claim.eventKey)) {
    return { compatible: true, score: 1, reasons: [`same strike in the same source (event ${claim.eventKey})`] }
  }
  if (claim.eventKey !== null && sameSource.some((c) => c.eventKey !== null && c.eventKey !== claim.eventKey)) {
    return { compatible: false, score: 0, reasons: ['the same source describes this incident as a different event'] }
  }
  const claimDate = widen(claim.period)
  const incDate = widen(cand.date)
  if (known(claim.period) && known(cand.date) && !overlaps(claimDate, incDate)) {
    return { compatible: false, score: 0, reasons: ['dates do not match'] }
  }
  // The incident's own date and place are those of the claim that opened it, often the vaguest ("in 2012", "in
  // Pakistan"): every claim already linked must fit too, or a strike in March would gather one in November.
  for (const c of live) {
    if (known(c.period) && known(claim.period) && !overlaps(claimDate, widen(c.period))) {
      return { compatible: false, score: 0, reasons: [`dates do not match a linked claim (${c.period.start ?? '…'} to ${c.period.end ?? '…'})`] }
    }
  }
  let rel: ReturnType<PlaceRelation> = 'unknown'
  const incPlace = cand.place ?? live.find((c) => c.place !== null)?.place ?? null
  if (claim.place !== null && incPlace !== null) {
    rel = placeRelation(claim.place, incPlace)
    if (rel === 'disjoint') return { compatible: false, score: 0, reasons: ['places do not match'] }
  }
  if (claim.place !== null) {
    for (const c of live) {
      if (c.place !== null && c.place !== incPlace && placeRelation(claim.place, c.place) === 'disjoint') {
        return { compatible: false, score: 0, reasons: [`places do not match a linked claim (${placeLabel(c.place)})`] }
      }
    }
  }
  // Coordinates settle what names cannot ("Miranshah" / "Miran Shah"): too far apart for the precision, not one strike.
  const km = claim.place !== null && incPlace !== null ? distanceKm(claim.place, incPlace) : null
  if (km !== null && claim.place !== null && incPlace !== null && km > radiusKm(claim.place, incPlace)) {
    return { compatible: false, score: 0, reasons: [`places are ${Math.round(km)} km apart`] }
  }
  if (claim.actor !== null && cand.actor !== null && !sameActor(claim.actor, cand.actor)) {
    return { compatible: false, score: 0, reasons: [`actors differ (${claim.actor} / ${cand.actor})`] }
  }

  // The same sentence with the same figure in another source is another copy of one report (a PDF and its text, a
  // wire story reprinted): whatever strike it describes, it is this one.
  const copy = sameSentence(claim, live)
  if (copy !== undefined) return { compatible: true, score: 1, reasons: [`the same sentence with the same figure in another copy of the report (${copy.sourceId})`] }

  let score = 0
  // The actor and places are compared on their own; as "names" they would join every strike by one actor.
  const actors = [claim.actor, cand.actor].filter((a): a is string => a !== null)
  const distinctive = (n: string): boolean => !actors.some((a) => namesMatch(n, a) || normaliseName(n) === normaliseName(a)) && !isPlaceName(n)
  const ours = claim.names.filter(distinctive)
  const theirNames = [...(cand.victims ?? []), ...(cand.target ? [cand.target] : []), ...live.flatMap((c) => c.names)].filter(distinctive)
  const shared = ours.filter((n) => theirNames.some((m) => namesMatch(n, m)))
  if (shared.length > 0) {
    score += 0.6
    reasons.push(`names in common: ${shared.join(', ')}`)
  } else if (ours.length > 0 && theirNames.length > 0) {
    score -= 0.2
    reasons.push('names differ')
  }
  if (known(claim.period) && known(cand.date)) {
    if (sameDay(claim.period, cand.date)) {
      score += 0.3
      reasons.push(`same day (${claim.period.start})`)
    } else {
      score += 0.1
      reasons.push('dates overlap')
    }
  }
  const precise = (p: Place | null): boolean => p !== null && (p.precision === 'exact' || p.precision === 'locality' || p.precision === 'district')
  if (km !== null && precise(claim.place) && precise(incPlace)) {
    score += 0.3
    reasons.push(`${Math.round(km)} km apart`)
  } else if (rel === 'same') {
    const fine = precise(claim.place) && precise(incPlace)
    score += fine ? 0.3 : 0.1
    reasons.push(fine ? `same place (${claim.place?.name ?? claim.place?.admin1 ?? claim.place?.country})` : 'same region')
  } else if (rel === 'nested') {
    score += 0.05
    reasons.push('places nest')
  }
  if (claim.actor !== null && cand.actor !== null) {
    score += 0.1
    reasons.push(`same actor (${claim.actor})`)
  }
  // Only strikes dated to within a week are told apart by date: a claim "in 2012" fits every strike of that year.
  const corroborated = narrow(claim.period) && narrow(cand.date) && live.every((c) => !known(c.period) || narrow(c.period)) && actors.length === 2 && !reasons.includes('names differ')
  return { compatible: true, score: Math.max(0, Math.min(1, score)), reasons, corroborated }
}

/** Compatible incidents for a claim, best first, each with its score and reason (for the review UI). */
export function suggestIncidents(claim: LinkClaim, candidates: readonly LinkCandidate[], options: LinkOptions = {}): IncidentSuggestion[] {
  if (claim.scope !== 'incident') return []
  const rel = options.placeRelation ?? gazetteerPlaceRelation
  const out: IncidentSuggestion[] = []
  for (const cand of candidates) {
    const a = assess(claim, cand, rel)
    if (a.compatible) out.push({ incidentId: cand.id, score: round(a.score), reason: a.reasons.join('; ') || 'nothing in common beyond compatible dates' })
  }
  return out.sort((x, y) => y.score - x.score || (x.incidentId < y.incidentId ? -1 : 1))
}

/** Decides whether a claim joins one of the candidate incidents or opens a new one, and says why. */
export function linkClaim(claim: LinkClaim, candidates: readonly LinkCandidate[], options: LinkOptions = {}): LinkDecision {
  if (claim.scope !== 'incident') return { incidentId: null, reason: 'aggregate claims are not linked to incidents', score: 0 }
  const threshold = options.threshold ?? JOIN_THRESHOLD
  const rel = options.placeRelation ?? gazetteerPlaceRelation
  const compatible = candidates.map((cand) => ({ cand, a: assess(claim, cand, rel) })).filter((x) => x.a.compatible)
  const only = compatible.length === 1 ? compatible[0] : undefined
  if (only !== undefined && only.a.score < threshold && only.a.corroborated === true) {
    // Reports of one strike often share nothing but date, place and actor; when just one recorded strike fits
    // all three, it is that one. With two or more, only stronger evidence (names, exact place) decides.
    const why = only.a.reasons.join('; ')
    return { incidentId: only.cand.id, reason: `joined: the only incident compatible in date, place and actor (${why})`, score: round(Math.max(only.a.score, threshold)) }
  }
  const best = suggestIncidents(claim, candidates, options)[0]
  if (best !== undefined && best.score >= threshold) return { incidentId: best.incidentId, reason: `joined: ${best.reason}`, score: best.score }
  if (best !== undefined) return { incidentId: null, reason: `new incident: best candidate ${best.incidentId} scored ${best.score} (${best.reason}), below ${threshold}`, score: best.score }
  return { incidentId: null, reason: candidates.length === 0 ? 'new incident: no incident near this date' : 'new incident: no compatible incident', score: 0 }
}

const round = (x: number): number => Math.round(x * 100) / 100
