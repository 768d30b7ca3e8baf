/**
 * @module Scopes of claims: a period and a region, with containment, day ordinals and human descriptions.
 *
 * A claim's scope is `period × region`. Open period ends are unbounded (start null = the beginning of the record,
 * end null = until now). A region is a path from the most general to the most specific place ("PK", then
 * "PK/north waziristan"); an empty path is everywhere, so a claim without a place constrains every region.
 */
import type { Period, Place } from '../domain/index.js'

/** A region as a path of keys, most general first; `[]` is everywhere. */
export type RegionPath = readonly string[]

/** Maps a place to its region path; swappable so a gazetteer can canonicalise names and add levels. */
export type RegionOf = (place: Place | null) => RegionPath

/** Default region path: country code, then the first-level area (case- and space-insensitive). */
export const regionOfPlace: RegionOf = (place) => {
  if (place === null || place.country === null) return []
  const admin1 = place.admin1 === null ? '' : normaliseName(place.admin1)
  return admin1 === '' ? [place.country] : [place.country, `${place.country}/${admin1}`]
}

/** Lower-cases, strips diacritics and punctuation, and collapses spaces, so names written differently compare equal. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** True when region `outer` contains region `inner` (a path prefix). */
export function regionContains(outer: RegionPath, inner: RegionPath): boolean {
  if (outer.length > inner.length) return false
  for (let i = 0; i < outer.length; i++) if (outer[i] !== inner[i]) return false
  return true
}

/** The most specific key of a region path, or `*` for everywhere; used as an index key. */
export const regionKey = (r: RegionPath): string => r[r.length - 1] ?? '*'

/**
 * A monotone integer for a `YYYY-MM-DD` date: ordering and equality agree with the calendar, differences do not.
 * Cheap enough to compute for millions of claims.
 */
export function dayOrdinal(d: string): number {
  // y*512 + m*32 + d: months never exceed 31 days, so this is strictly increasing along the calendar.
  return ((d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48)) * 512 +
    ((d.charCodeAt(5) - 48) * 10 + (d.charCodeAt(6) - 48)) * 32 +
    (d.charCodeAt(8) - 48) * 10 + (d.charCodeAt(9) - 48)
}

/** Start of a period as an ordinal; an open start is −∞. */
export const startOrdinal = (p: Period): number => (p.start === null ? Number.NEGATIVE_INFINITY : dayOrdinal(p.start))
/** End of a period as an ordinal; an open end is +∞. */
export const endOrdinal = (p: Period): number => (p.end === null ? Number.POSITIVE_INFINITY : dayOrdinal(p.end))

/** A claim's scope reduced to numbers and a region path, for fast containment tests. */
export interface Scope {
  readonly start: number
  readonly end: number
  readonly region: RegionPath
}

/** The scope of a period and place. */
export function scopeOf(period: Period, place: Place | null, regionOf: RegionOf = regionOfPlace): Scope {
  return { start: startOrdinal(period), end: endOrdinal(period), region: regionOf(place) }
}

/** True when every day and place of `inner` lies in `outer`. */
export function scopeContains(outer: Scope, inner: Scope): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && regionContains(outer.region, inner.region)
}

/** True when the scopes are equal. */
export function sameScope(a: Scope, b: Scope): boolean {
  return a.start === b.start && a.end === b.end && a.region.length === b.region.length && regionContains(a.region, b.region)
}

/** How "large" a scope is, for choosing the widest of several: open ends count as very wide. */
export function scopeWidth(s: Scope): number {
  const span = (Number.isFinite(s.end) ? s.end : 1e9) - (Number.isFinite(s.start) ? s.start : -1e9)
  // A wider region beats any period: regions are compared first.
  return (10 - s.region.length) * 1e10 + span
}

const isFullYearStart = (d: string): boolean => d.endsWith('-01-01')
const isFullYearEnd = (d: string): boolean => d.endsWith('-12-31')

/** Describes a period in words: "in 2012", "2012–2013", "since 2008", "before 2008", "overall", or dates. */
export function describePeriod(p: Pick<Period, 'start' | 'end'>): string {
  const { start, end } = p
  if (start === null && end === null) return 'overall'
  if (start !== null && end === null) return isFullYearStart(start) ? `since ${start.slice(0, 4)}` : `since ${start}`
  if (start === null && end !== null) {
    if (isFullYearEnd(end)) return `before ${Number(end.slice(0, 4)) + 1}`
    return `up to ${end}`
  }
  if (start !== null && end !== null) {
    if (isFullYearStart(start) && isFullYearEnd(end)) {
      const y1 = start.slice(0, 4), y2 = end.slice(0, 4)
      return y1 === y2 ? `in ${y1}` : `${y1}–${y2}`
    }
    return start === end ? `on ${start}` : `${start} to ${end}`
  }
  return 'overall'
}

/** Describes a region path in words ("everywhere", "PK", "PK/north waziristan"). */
export const describeRegion = (r: RegionPath): string => (r.length === 0 ? 'everywhere' : regionKey(r))
