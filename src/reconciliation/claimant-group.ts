/**
 * @module Claimant groups: which claimants speak as one, so a government and its own ministries are not set
 * against each other as if they were independent voices.
 *
 * The rule is general, on the claimant's name alone: a name that contains a word of state (government, ministry,
 * army, military, police, armed forces, embassy, president, prime minister, spokesman of a state body ...) and names
 * a country (by name or demonym) belongs to the group `state:<country>`. Every other claimant is its own group;
 * null (a document's own voice) is the group `voice:` of nobody in particular.
 */
import { normaliseName } from './scope.js'

/** Words that mark an organ of a state. A parliament or senate is left out: its inquiries scrutinise the government, they do not speak for it. */
const STATE_WORDS = new Set([
  'government', 'govt', 'ministry', 'minister', 'ministers', 'army', 'military', 'police', 'forces', 'force', 'defence', 'defense',
  'interior', 'foreign', 'office', 'embassy', 'ambassador', 'president', 'presidency', 'premier', 'cabinet',
  'officials', 'official', 'authorities', 'authority', 'department', 'state', 'navy', 'air', 'intelligence', 'administration',
  'pentagon', 'spokesman', 'spokesperson', 'spokeswoman', 'command', 'ispr', 'centcom', 'regime',
])

/**
 * Country names and demonyms of the countries Reckon's sources report on most, mapped to one key.
 * A gazetteer can replace this through `groupOfClaimant`'s `countryOf` parameter.
 */
const COUNTRY_WORDS: Readonly<Record<string, string>> = {
  pakistan: 'PK', pakistani: 'PK', afghanistan: 'AF', afghan: 'AF', yemen: 'YE', yemeni: 'YE', somalia: 'SO', somali: 'SO',
  syria: 'SY', syrian: 'SY', iraq: 'IQ', iraqi: 'IQ', libya: 'LY', libyan: 'LY', iran: 'IR', iranian: 'IR', israel: 'IL',
  israeli: 'IL', palestine: 'PS', palestinian: 'PS', lebanon: 'LB', lebanese: 'LB', turkey: 'TR', turkish: 'TR', turkiye: 'TR',
  russia: 'RU', russian: 'RU', ukraine: 'UA', ukrainian: 'UA', britain: 'GB', british: 'GB', uk: 'GB', france: 'FR', french: 'FR',
  us: 'US', usa: 'US', american: 'US', america: 'US', 'united states': 'US', 'u s': 'US', nigeria: 'NG', nigerian: 'NG',
  mali: 'ML', malian: 'ML', niger: 'NE', sudan: 'SD', sudanese: 'SD', ethiopia: 'ET', ethiopian: 'ET', saudi: 'SA',
  'saudi arabia': 'SA', emirati: 'AE', uae: 'AE', egypt: 'EG', egyptian: 'EG', india: 'IN', indian: 'IN', china: 'CN',
  chinese: 'CN', burkina: 'BF', 'burkina faso': 'BF', myanmar: 'MM', kenya: 'KE', kenyan: 'KE',
}

/** Finds the country a claimant's name refers to (by name or demonym), or null. */
export function countryInName(name: string): string | null {
  const words = normaliseName(name).split(' ')
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : ''
    const hit = (two !== '' ? COUNTRY_WORDS[two] : undefined) ?? COUNTRY_WORDS[words[i] ?? '']
    if (hit !== undefined) return hit
  }
  return null
}

/** The group a claimant speaks for: `state:<country>` for organs of a state, else the claimant's normalised name. */
export function groupOfClaimant(claimant: string | null, countryOf: (name: string) => string | null = countryInName): string {
  if (claimant === null) return 'voice:'
  const norm = normaliseName(claimant)
  const words = norm.split(' ')
  if (words.some((w) => STATE_WORDS.has(w))) {
    const country = countryOf(claimant)
    if (country !== null) return `state:${country}`
  }
  return `name:${norm}`
}
