/** @module The gazetteer: countries, first-level regions, domain regions (FATA agencies) and towns, with lookups. */
export { findPlaces, type FindPlacesOptions, type PlaceMention } from './find-places.js'
export {
  ancestry,
  countryFromDemonym,
  countryCode,
  countryName,
  entryForPlace,
  gazetteerIndex,
  lookupPlace,
  lookupPlaces,
  placeContains,
  searchPlaces,
  type PlaceChoice,
  type CountryAnswer,
  type GazetteerEntry,
} from './gazetteer.js'
