/** @module The gazetteer: countries, first-level regions, domain regions (FATA agencies) and towns, with lookups. */
export { findPlaces, type FindPlacesOptions, type PlaceMention } from './find-places.js'
export {
  ancestry,
  countryFromDemonym,
  countryName,
  entryForPlace,
  gazetteerIndex,
  lookupPlace,
  lookupPlaces,
  placeContains,
  type GazetteerEntry,
} from './gazetteer.js'
