/** @module How two places relate, compared on codes and names alone (the fallback when the gazetteer knows neither). */
import type { Place } from '../domain/index.js'
import { normaliseName } from './scope.js'

/** How two places relate; swappable so a gazetteer can answer with its hierarchy. */
export type PlaceRelation = (a: Place, b: Place) => 'same' | 'nested' | 'disjoint' | 'unknown'

/**
 * Default place relation on codes and names: different countries are disjoint; within a country, different
 * first-level areas are disjoint; a place with fewer levels known contains the more precise one.
 */
export const comparePlaces: PlaceRelation = (a, b) => {
  if (a.country === null || b.country === null) return 'unknown'
  if (a.country !== b.country) return 'disjoint'
  const levels = (p: Place): (string | null)[] => [p.admin1, p.admin2 ?? null, p.name].map((s) => (s === null ? null : normaliseName(s)))
  const la = levels(a), lb = levels(b)
  for (let i = 0; i < la.length; i++) {
    const x = la[i] ?? null, y = lb[i] ?? null
    if (x === null && y === null) continue
    // One place stops at a coarser level: it contains the other.
    if (x === null || y === null) return 'nested'
    // Administrative areas are canonical; village names are transliterated many ways, so they cannot rule a match out.
    if (x !== y) return i < 2 ? 'disjoint' : 'unknown'
  }
  return 'same'
}

