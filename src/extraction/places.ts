/**
 * @module Place mentions for extraction: the one seam between the rules and the gazetteer.
 * Until the gazetteer lands this holds a small table of the countries and regions the domain reports most.
 */
import type { Place } from '../domain/place.js'

/** A place named in the text at `[start, end)`. */
export interface PlaceMention {
  readonly start: number
  readonly end: number
  readonly place: Place
}

type Row = readonly [name: string, country: string, admin1: string | null, lat: number, lon: number]
const ROWS: readonly Row[] = [
  ['Pakistan', 'PK', null, 30.0, 70.0],
  ['Afghanistan', 'AF', null, 34.0, 66.0],
  ['Yemen', 'YE', null, 15.5, 47.5],
  ['Somalia', 'SO', null, 6.0, 46.0],
  ['Syria', 'SY', null, 35.0, 38.0],
  ['Iraq', 'IQ', null, 33.0, 44.0],
  ['Libya', 'LY', null, 27.0, 17.0],
  ['North Waziristan', 'PK', 'North Waziristan', 32.95, 70.0],
  ['South Waziristan', 'PK', 'South Waziristan', 32.3, 69.6],
  ['Khyber Pakhtunkhwa', 'PK', 'Khyber Pakhtunkhwa', 34.5, 72.0],
  ['Balochistan', 'PK', 'Balochistan', 28.5, 65.5],
  ['FATA', 'PK', 'FATA', 32.7, 70.2],
  ['Kurram Agency', 'PK', 'FATA', 33.7, 70.2],
  ['Orakzai Agency', 'PK', 'FATA', 33.6, 71.0],
  ['Bajaur', 'PK', 'FATA', 34.7, 71.5],
  ['Khyber Agency', 'PK', 'FATA', 34.1, 71.1],
  ['Shabwa', 'YE', 'Shabwah', 14.5, 47.0],
  ['Marib', 'YE', "Ma'rib", 15.5, 45.3],
  ["Abyan", 'YE', 'Abyan', 13.6, 46.0],
  ['Hadramout', 'YE', 'Hadramawt', 16.0, 49.0],
  ['Al Bayda', 'YE', 'Al Bayda', 14.2, 45.3],
  ['Lower Shabelle', 'SO', 'Lower Shabelle', 1.9, 44.5],
  ['Middle Juba', 'SO', 'Middle Juba', 1.0, 42.5],
]
const PLACE_RE = new RegExp(`\\b(?:${ROWS.map((r) => r[0].replace(/ /g, '\\s+')).join('|')})\\b`, 'g')
const BY_NAME = new Map(ROWS.map((r) => [r[0].toLowerCase(), r]))

/** Every known place named in `text`, in order. */
export function findPlaceMentions(text: string): PlaceMention[] {
  const out: PlaceMention[] = []
  PLACE_RE.lastIndex = 0
  for (let m = PLACE_RE.exec(text); m !== null; m = PLACE_RE.exec(text)) {
    const row = BY_NAME.get(m[0].replace(/\s+/g, ' ').toLowerCase())
    if (row === undefined) continue
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      place: { name: row[0], admin1: row[2], country: row[1], lat: row[3], lon: row[4], precision: row[2] === null ? 'country' : 'region' },
    })
  }
  return out
}

/** The country name for a demonym or short form used for actors ("US", "American", "Pakistani"), or null. */
export function actorFromWord(word: string): string | null {
  return ACTORS.get(word.toLowerCase()) ?? null
}

const ACTORS = new Map([
  ['us', 'United States'],
  ['u.s.', 'United States'],
  ['usa', 'United States'],
  ['american', 'United States'],
  ['cia', 'United States'],
  ['pentagon', 'United States'],
  ['pakistani', 'Pakistan'],
  ['israeli', 'Israel'],
  ['russian', 'Russia'],
  ['turkish', 'Turkey'],
  ['british', 'United Kingdom'],
  ['uk', 'United Kingdom'],
  ['french', 'France'],
  ['saudi', 'Saudi Arabia'],
  ['emirati', 'United Arab Emirates'],
  ['syrian', 'Syria'],
  ['iraqi', 'Iraq'],
  ['afghan', 'Afghanistan'],
  ['yemeni', 'Yemen'],
  ['somali', 'Somalia'],
  ['kenyan', 'Kenya'],
  ['ethiopian', 'Ethiopia'],
  ['nato', 'NATO'],
])
