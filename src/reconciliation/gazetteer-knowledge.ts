/**
 * @module What checking and linking know about places and states, drawn from the gazetteer: region paths for
 * scopes, how two places relate, and which country a claimant's name speaks for.
 */
import type { Place } from '../domain/index.js'
import { countryFromDemonym, entryForPlace, gazetteerIndex, lookupPlace, placeContains, type GazetteerEntry } from '../gazetteer/index.js'
import { comparePlaces, type PlaceRelation } from './place-relation.js'
import { normaliseName, regionOfPlace, type RegionOf, type RegionPath } from './scope.js'

const pathCache = new Map<string, RegionPath>()

/** True when the entry stands for the place itself, not a coarser fallback (the gazetteer falls back to the country). */
function specific(place: Place, e: GazetteerEntry | null): e is GazetteerEntry {
  return e !== null && (e.kind !== 'country' || place.precision === 'country' || (place.admin1 === null && place.name === null))
}

/**
 * Region path of a place from the gazetteer hierarchy (country first, then each containing region, by id).
 * Only containment that always holds is kept: where an entry has two parents (FATA lay in Pakistan and, since
 * 2018, in Khyber Pakhtunkhwa) the path goes straight to the country. Places the gazetteer does not know fall back
 * to country and first-level area names.
 */
export const gazetteerRegionOf: RegionOf = (place) => {
  if (place === null || place.country === null) return []
  const key = `${place.country}|${place.admin1 ?? ''}|${place.admin2 ?? ''}|${place.name ?? ''}|${place.precision}`
  const hit = pathCache.get(key)
  if (hit) return hit
  const e = entryForPlace(place)
  let path: RegionPath
  if (!specific(place, e)) {
    path = regionOfPlace(place)
  } else {
    const idx = gazetteerIndex()
    const chain: string[] = []
    let cur: GazetteerEntry | undefined = e
    while (cur && cur.kind !== 'country') {
      chain.push(cur.id)
      cur = cur.parents.length === 1 ? idx.byId.get(cur.parents[0]!) : idx.byId.get(cur.country)
    }
    chain.push(e.country)
    path = chain.reverse()
  }
  if (pathCache.size > 100_000) pathCache.clear()
  pathCache.set(key, path)
  return path
}

/** Place relation from the gazetteer hierarchy, falling back to comparing names where the gazetteer knows neither. */
export const gazetteerPlaceRelation: PlaceRelation = (a, b) => {
  if (a.country !== null && b.country !== null && a.country !== b.country) return 'disjoint'
  const ab = placeContains(a, b)
  const ba = placeContains(b, a)
  if (ab && ba) return 'same'
  if (ab || ba) return 'nested'
  if (specific(a, entryForPlace(a)) && specific(b, entryForPlace(b))) return 'disjoint'
  return comparePlaces(a, b)
}

/** The country a claimant's name speaks for ("Pakistan's Foreign Ministry" → "PK"), by country name or demonym. */
export function countryOfName(name: string): string | null {
  const words = normaliseName(name).split(' ').filter((w) => w !== '')
  for (let n = 3; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const phrase = words.slice(i, i + n).join(' ')
      const demonym = countryFromDemonym(phrase)
      if (demonym !== null) return demonym
      const p = lookupPlace(phrase)
      if (p !== null && p.precision === 'country' && p.country !== null) return p.country
    }
  }
  return null
}

/** True when a name is a place the gazetteer knows (a country, region or town), not a person or group. */
export function isPlaceName(name: string): boolean {
  return lookupPlace(name) !== null
}
