/** @module Reads a country filter as a person types it (a code or a name), refusing one that names no country. */
import { InvalidValue } from '../domain/errors.js'
import { countryCode } from '../gazetteer/index.js'

/** The ISO code for `input`, or why it names no country with close names suggested; shared by the CLI and the API. */
export function readCountry(input: string): { code: string } | { code: null; refusal: string } {
  const answer = countryCode(input)
  if (answer.code !== null) return { code: answer.code }
  const hint = answer.suggestions.length > 0 ? `; did you mean ${answer.suggestions.join(', ')}?` : '; give an ISO 3166-1 alpha-2 code such as PK, or a country name such as Pakistan'
  return { code: null, refusal: `"${input}" is not a country${hint}` }
}

/**
 * The ISO 3166-1 alpha-2 code for `input` ("PK", "pk", "Pakistan", "Pakistani"). Throws InvalidValue naming `field`
 * and suggesting close names when it names no country, so a typo never silently filters everything out.
 */
export function parseCountry(input: string, field = 'country'): string {
  const answer = readCountry(input)
  if (answer.code !== null) return answer.code
  throw new InvalidValue(field, answer.refusal)
}
