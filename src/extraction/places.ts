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

// Place names repeat across a corpus ("North Waziristan", "Datta Khel"), so phrases are looked up once.
const PHRASE_MEMO = new Map<string, readonly PlaceMention[]>()
const MEMO_LIMIT = 50_000

/** Places named in one capitalised phrase, with offsets relative to the phrase; memoised by phrase. */
export function placesInPhrase(phrase: string): readonly PlaceMention[] {
  let found = PHRASE_MEMO.get(phrase)
  if (found === undefined) {
    found = findPlaces(phrase)
    if (PHRASE_MEMO.size >= MEMO_LIMIT) PHRASE_MEMO.clear()
    PHRASE_MEMO.set(phrase, found)
  }
  return found
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
  let actor = DEMONYM_MEMO.get(word)
  if (actor === undefined) {
    const code = countryFromDemonym(word)
    actor = code === null ? null : countryName(code)
    if (DEMONYM_MEMO.size >= MEMO_LIMIT) DEMONYM_MEMO.clear()
    DEMONYM_MEMO.set(word, actor)
  }
  return actor
}
const DEMONYM_MEMO = new Map<string, string | null>()
