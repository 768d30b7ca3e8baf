/**
 * @module Who struck, compared across sources that name the same state differently: an article's "United States",
 * ACLED's "Military Forces of the United States (2017-2021)", UCDP's "Government of United States of America".
 */
import { countryFromDemonym, lookupPlace } from '../gazetteer/index.js'
import { normaliseName } from './scope.js'

// Words that make a name a state's armed forces or government rather than a group named after a country
// ("Tehrik-i-Taliban Pakistan" is not Pakistan's state).
const STATE_HEADS = new Set(['military', 'forces', 'force', 'armed', 'army', 'air', 'navy', 'government', 'state', 'security', 'special', 'operations', 'of', 'the', 'national', 'defence', 'defense', 'royal', 'federal', 'drone', 'drones', 'coalition', 'cia'])

const memo = new Map<string, string>()

/** The country code a name stands for when it names a state or its forces, else null. */
function stateOf(name: string): string | null {
  const words = normaliseName(name.replace(/\([^)]*\)/g, ' ')).split(' ').filter((w) => w !== '')
  if (words.length === 0) return null
  // Find the longest country name or demonym in the words; everything else must be a word of state.
  for (let n = Math.min(5, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const phrase = words.slice(i, i + n).join(' ')
      const place = n === 1 ? countryFromDemonym(phrase) : null
      const code = place ?? (() => {
        const p = lookupPlace(phrase)
        return p !== null && p.precision === 'country' ? p.country : null
      })()
      if (code === null) continue
      const rest = [...words.slice(0, i), ...words.slice(i + n)]
      if (rest.every((w) => STATE_HEADS.has(w) || /^\d+$/.test(w))) return code
    }
  }
  return null
}

/** A key under which names of one actor compare equal: `state:US` for a state and its forces, else the normalised name. */
export function actorKey(name: string): string {
  let k = memo.get(name)
  if (k === undefined) {
    const state = stateOf(name)
    k = state !== null ? `state:${state}` : normaliseName(name)
    if (memo.size > 10_000) memo.clear()
    memo.set(name, k)
  }
  return k
}

/** True when two names stand for the same actor. */
export function sameActor(a: string, b: string): boolean {
  return actorKey(a) === actorKey(b)
}
