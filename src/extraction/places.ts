/**
 * @module Place and actor mentions for extraction: the one seam between the rules and the gazetteer.
 */
import type { Place } from '../domain/place.js'
import { countryFromDemonym, countryName, findPlaces } from '../gazetteer/index.js'

/** A place named in the text at `[start, end)`. */
export interface PlaceMention {
  readonly start: number
  readonly end: number
  readonly place: Place
}

/** Every gazetteer place named in `text`, in order. */
export function findPlaceMentions(text: string): PlaceMention[] {
  return findPlaces(text)
}

// Short forms and agencies the gazetteer's demonyms do not cover.
const ACTORS = new Map([
  ['us', 'United States'],
  ['u.s.', 'United States'],
  ['usa', 'United States'],
  ['cia', 'United States'],
  ['pentagon', 'United States'],
  ['uk', 'United Kingdom'],
  ['nato', 'NATO'],
  ['saudi', 'Saudi Arabia'],
  ['emirati', 'United Arab Emirates'],
])

/** The striking party for a demonym or short form ("US", "American", "Pakistani"), or null. */
export function actorFromWord(word: string): string | null {
  const known = ACTORS.get(word.toLowerCase())
  if (known !== undefined) return known
  const code = countryFromDemonym(word)
  return code === null ? null : countryName(code)
}
