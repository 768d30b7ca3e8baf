#!/usr/bin/env node
/**
 * @module Generates src/gazetteer/gazetteer-data.ts from maintained data packages, so the gazetteer needs no I/O or
 * runtime dependency. Run `node scripts/build-gazetteer.mjs` after bumping any of the packages below and commit the result.
 *
 * Sources (devDependencies, exact versions in package.json):
 * - iso-3166 4.4.0: ISO 3166-1 codes and names, ISO 3166-2 subdivision codes and names (the list of record).
 * - world-countries 5.1.0: English common/official names, alternative spellings and demonyms.
 * - world-atlas 2.0.2 (Natural Earth 1:50m admin-0) + topojson-client 3.1.0 + d3-geo 3.1.2: country centroids
 *   (centroid of the largest polygon, so France's is in France, not between it and French Guiana) and the
 *   polygons used to check region points.
 * - country-state-city 3.2.1: a point for each first-level region. This data has known errors (Helmand and Panjshir
 *   in Virginia, Somalia's Bay in Kansas), so every point is checked to fall inside its country's polygon; for the
 *   focus countries a failed or missing point is replaced by a hand-entered one (FOCUS_POINTS below), elsewhere it is
 *   dropped (lat/lon null: better no point than a wrong one).
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { iso31661 } from 'iso-3166'
import { iso31662 } from 'iso-3166'
import { geoArea, geoBounds, geoCentroid, geoContains } from 'd3-geo'
import { feature } from 'topojson-client'

const require = createRequire(import.meta.url)
const atlas = require('world-atlas/countries-50m.json')
const worldCountries = require('world-countries/countries.json')
const cscStates = require('country-state-city/lib/assets/state.json')

/** Countries whose regions Reckon's sources talk about most: their regions get curated names, aliases and checked points. */
const FOCUS = ['PK', 'AF', 'YE', 'SO', 'IQ', 'SY', 'LY']

/** ASCII-folds a name: strips diacritics and the ISO transliteration's ayn/hamza marks. */
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[ʻʼ‘’`´ʾʿ]/g, "'").replace(/^'/, '').trim()
const round = (x) => Math.round(x * 1e4) / 1e4

// ---- Countries -------------------------------------------------------------------------------------------------
const allShapes = feature(atlas, atlas.objects.countries).features
const shapes = new Map(allShapes.filter((f) => f.id !== undefined).map((f) => [String(f.id).padStart(3, '0'), f]))
/** Natural Earth draws these apart; ISO 3166 counts them inside the country, so region points there are checked against both. */
const EXTRA_SHAPES = { SO: 'Somaliland', CY: 'N. Cyprus' }
/** The largest polygon of a (multi)polygon feature, as a feature. */
function mainPolygon(f) {
  if (f.geometry.type !== 'MultiPolygon') return f
  let best = null
  let bestArea = -1
  for (const coords of f.geometry.coordinates) {
    const g = { type: 'Polygon', coordinates: coords }
    const a = geoArea(g)
    if (a > bestArea) { best = g; bestArea = a }
  }
  return { type: 'Feature', properties: {}, geometry: best }
}

/** Extra aliases and demonyms that world-countries lacks but news texts use. */
const COUNTRY_EXTRA = {
  US: { aliases: ['US', 'USA', 'U.S.', 'U.S.A.', 'America', 'United States'], demonyms: ['Americans'] },
  GB: { aliases: ['UK', 'Britain', 'U.K.', 'England'], demonyms: ['Briton', 'Britons', 'English'] },
  AE: { aliases: ['UAE', 'U.A.E.'], demonyms: [] },
  SA: { aliases: ['KSA'], demonyms: ['Saudi', 'Saudis'] },
  AF: { aliases: [], demonyms: ['Afghans', 'Afghani'] },
  PK: { aliases: [], demonyms: ['Pakistanis'] },
  YE: { aliases: [], demonyms: ['Yemenis', 'Yemenite'] },
  SO: { aliases: [], demonyms: ['Somalis', 'Somalian'] },
  IQ: { aliases: [], demonyms: ['Iraqis'] },
  SY: { aliases: [], demonyms: ['Syrians'] },
  LY: { aliases: [], demonyms: ['Libyans'] },
  IR: { aliases: ['Persia'], demonyms: ['Iranians', 'Persian'] },
  RU: { aliases: ['Russian Federation'], demonyms: ['Russians'] },
  IL: { aliases: [], demonyms: ['Israelis'] },
  PS: { aliases: ['Palestinian territories', 'Occupied Palestinian Territories'], demonyms: ['Palestinians'] },
  CD: { aliases: ['Democratic Republic of the Congo'], demonyms: [] },
  TR: { aliases: ['Turkey', 'Türkiye', 'Turkiye'], demonyms: ['Turks'] },
}

const wcByCode = new Map(worldCountries.map((c) => [c.cca2, c]))
const entries = []
const countryShape = new Map()
for (const c of iso31661) {
  const wc = wcByCode.get(c.alpha2)
  const name = wc?.name.common ?? c.name
  const aliases = new Set([c.name, name, wc?.name.official].filter(Boolean).map(fold))
  for (const a of wc?.altSpellings ?? []) {
    if (a === c.alpha2 || a === c.alpha3 || a.length < 3 && !['US', 'UK'].includes(a)) continue
    if (/[^\p{Script=Latin}\p{M}\s.,'’‘()\-]/u.test(a)) continue // other scripts: not matched in English text
    aliases.add(fold(a))
  }
  const extra = COUNTRY_EXTRA[c.alpha2]
  for (const a of extra?.aliases ?? []) aliases.add(a)
  // "Korea, Republic of" style catalogue names help lookups; "Islamic Republic of Pakistan" style are fine as is.
  const demonyms = new Set([wc?.demonyms?.eng?.m, wc?.demonyms?.eng?.f, ...(extra?.demonyms ?? [])].filter(Boolean))
  const shape = shapes.get(c.numeric)
  let lat = wc?.latlng?.[0] ?? null
  let lon = wc?.latlng?.[1] ?? null
  let centroidSource = 'world-countries latlng'
  if (shape) {
    const extraName = EXTRA_SHAPES[c.alpha2]
    countryShape.set(c.alpha2, [shape, ...allShapes.filter((f) => extraName && f.properties.name === extraName)])
    const main = mainPolygon(shape)
    const [x, y] = geoCentroid(main)
    if (geoContains(main, [x, y])) { lat = y; lon = x; centroidSource = 'world-atlas 50m centroid' }
    else centroidSource = 'world-countries latlng (centroid falls outside the shape)'
  }
  aliases.delete(name)
  entries.push({ id: c.alpha2, kind: 'country', country: c.alpha2, name, lat: lat === null ? null : round(lat), lon: lon === null ? null : round(lon), parents: [], aliases: [...aliases], demonyms: [...demonyms], src: centroidSource })
}

// ---- Regions ---------------------------------------------------------------------------------------------------
/**
 * Curated English names, aliases and hand-entered points for the focus countries' regions. Points marked `pt` are
 * approximate centroids (±0.3°) read from each region's map (Wikipedia/OCHA admin-1 maps); they replace points
 * from country-state-city only where that one is missing or falls outside the country.
 */
const FOCUS_REGIONS = {
  'PK-BA': { name: 'Balochistan', aliases: ['Baluchistan', 'Balochistan Province'] },
  'PK-GB': { name: 'Gilgit-Baltistan', aliases: ['Northern Areas'] },
  'PK-IS': { name: 'Islamabad Capital Territory', aliases: ['ICT'] },
  'PK-JK': { name: 'Azad Kashmir', aliases: ['Azad Jammu and Kashmir', 'AJK', 'Azad Jammu & Kashmir'] },
  'PK-KP': { name: 'Khyber Pakhtunkhwa', aliases: ['KP', 'KPK', 'NWFP', 'North-West Frontier Province', 'North West Frontier Province', 'Khyber-Pakhtunkhwa', 'Khyber Pakhtunkhwa province'] },
  'PK-PB': { name: 'Punjab', aliases: ['Punjab province'], pt: [31.17, 72.7] },
  'PK-SD': { name: 'Sindh', aliases: ['Sind'] },
  'PK-TA': { name: 'Federally Administered Tribal Areas', aliases: ['FATA', 'Tribal Areas', 'tribal areas of Pakistan', 'Pakistan tribal areas', 'Federally Administered Tribal Area'], pt: [32.95, 70.4] },
  'YE-AB': { name: 'Abyan', aliases: [] },
  'YE-AD': { name: 'Aden', aliases: ['Adan'] },
  'YE-AM': { name: 'Amran', aliases: [] },
  'YE-BA': { name: 'Al Bayda', aliases: ['Bayda', 'Al Baydha', 'Baydha', 'al-Bayda', 'Al Baida', 'Baida'] },
  'YE-DA': { name: 'Al Dhale', aliases: ["Ad Dali'", 'Dhale', 'Dhalea', "Al Dhale'e"], pt: [13.7, 44.73] },
  'YE-DH': { name: 'Dhamar', aliases: [] },
  'YE-HD': { name: 'Hadramawt', aliases: ['Hadhramaut', 'Hadramout', 'Hadhramout', 'Hadramaut'] },
  'YE-HJ': { name: 'Hajjah', aliases: ['Hajja'] },
  'YE-HU': { name: 'Al Hudaydah', aliases: ['Hodeidah', 'Hudaydah', 'Hodeida', 'Al Hodeidah'] },
  'YE-IB': { name: 'Ibb', aliases: [] },
  'YE-JA': { name: 'Al Jawf', aliases: ['Jawf', 'al-Jawf', 'Al Jouf'] },
  'YE-LA': { name: 'Lahij', aliases: ['Lahj', 'Lahej'] },
  'YE-MA': { name: 'Marib', aliases: ['Mareb', 'Maarib'] },
  'YE-MR': { name: 'Al Mahrah', aliases: ['Mahrah', 'Al Mahra', 'Mahra'] },
  'YE-MW': { name: 'Al Mahwit', aliases: ['Mahwit'] },
  'YE-RA': { name: 'Raymah', aliases: ['Rayma'] },
  'YE-SA': { name: 'Amanat al Asimah', aliases: ['Sanaa City', 'Amanat Al Asimah', 'Sanaa capital city'] },
  'YE-SD': { name: 'Saada', aliases: ['Sadah', 'Saadah', 'Sa’dah'] },
  'YE-SH': { name: 'Shabwa', aliases: ['Shabwah', 'Shabwa'] },
  'YE-SN': { name: 'Sanaa Governorate', aliases: ['Sanʻa Governorate'] },
  'YE-SU': { name: 'Socotra', aliases: ['Soqotra', 'Suqutra'] },
  'YE-TA': { name: 'Taiz', aliases: ['Taizz', 'Ta’izz'] },
  'SO-AW': { name: 'Awdal', aliases: [] },
  'SO-BK': { name: 'Bakool', aliases: ['Bakol'] },
  'SO-BN': { name: 'Banaadir', aliases: ['Benadir', 'Banadir'] },
  'SO-BR': { name: 'Bari', aliases: [], pt: [10.5, 49.5] },
  'SO-BY': { name: 'Bay', aliases: [], pt: [2.8, 43.5] },
  'SO-GA': { name: 'Galguduud', aliases: ['Galgadud', 'Galgaduud'] },
  'SO-GE': { name: 'Gedo', aliases: [] },
  'SO-HI': { name: 'Hiiraan', aliases: ['Hiran', 'Hiraan'] },
  'SO-JD': { name: 'Middle Juba', aliases: ['Jubbada Dhexe'] },
  'SO-JH': { name: 'Lower Juba', aliases: ['Jubbada Hoose'] },
  'SO-MU': { name: 'Mudug', aliases: [] },
  'SO-NU': { name: 'Nugaal', aliases: ['Nugal'], pt: [8.3, 48.7] },
  'SO-SA': { name: 'Sanaag', aliases: [] },
  'SO-SD': { name: 'Middle Shabelle', aliases: ['Middle Shebelle', 'Shabeellaha Dhexe'] },
  'SO-SH': { name: 'Lower Shabelle', aliases: ['Lower Shebelle', 'Shabeellaha Hoose'] },
  'SO-SO': { name: 'Sool', aliases: ['Sol'], pt: [8.7, 47.3] },
  'SO-TO': { name: 'Togdheer', aliases: [] },
  'SO-WO': { name: 'Woqooyi Galbeed', aliases: ['Maroodi Jeex', 'Waqooyi Galbeed'], pt: [9.8, 44.0] },
  'AF-DAY': { name: 'Daykundi', aliases: ['Daikundi', 'Dai Kundi'] },
  'AF-GHO': { name: 'Ghor', aliases: ['Ghowr'] },
  'AF-HEL': { name: 'Helmand', aliases: [], pt: [30.9, 64.1] },
  'AF-JOW': { name: 'Jowzjan', aliases: ['Jawzjan'] },
  'AF-KNR': { name: 'Kunar', aliases: ['Konar'] },
  'AF-NIM': { name: 'Nimruz', aliases: ['Nimroz'] },
  'AF-PAN': { name: 'Panjshir', aliases: ['Panjsher', 'Panjshayr'], pt: [35.4, 69.7] },
  'AF-PIA': { name: 'Paktia', aliases: ['Paktiya', 'Paktiyā'] },
  'AF-SAR': { name: 'Sar-e Pol', aliases: ['Sar-e Pul', 'Sari Pul', 'Sar-i-Pul'] },
  'AF-URU': { name: 'Uruzgan', aliases: ['Oruzgan', 'Urozgan', 'Orozgan'] },
  'AF-WAR': { name: 'Wardak', aliases: ['Maidan Wardak', 'Maydan Wardak', 'Vardak'], pt: [34.25, 68.2] },
  'IQ-AN': { name: 'Anbar', aliases: ['Al Anbar', 'al-Anbar'] },
  'IQ-BA': { name: 'Basra', aliases: ['Basrah', 'Al Basrah'] },
  'IQ-BB': { name: 'Babil', aliases: ['Babylon'] },
  'IQ-DI': { name: 'Diyala', aliases: [] },
  'IQ-KR': { name: 'Kurdistan Region', aliases: ['Iraqi Kurdistan', 'Kurdistan Regional Government'], pt: [36.2, 44.5] },
  'IQ-AR': { name: 'Erbil', aliases: ['Arbil', 'Irbil'] },
  'IQ-DA': { name: 'Dohuk', aliases: ['Duhok', 'Dahuk'] },
  'IQ-SU': { name: 'Sulaymaniyah', aliases: ['Sulaimaniyah', 'Slemani', 'As Sulaymaniyah'] },
  'IQ-MU': { name: 'Muthanna', aliases: ['Al Muthanna'] },
  'IQ-NA': { name: 'Najaf', aliases: ['An Najaf'] },
  'IQ-NI': { name: 'Nineveh', aliases: ['Ninawa', 'Ninewa', 'Ninevah'] },
  'IQ-QA': { name: 'Qadisiyah', aliases: ['Al Qadisiyah', 'Diwaniyah'] },
  'IQ-SD': { name: 'Salah ad Din', aliases: ['Saladin', 'Salahuddin', 'Salah al-Din'] },
  'SY-DI': { name: 'Damascus Governorate', aliases: ['Dimashq'] },
  'SY-DR': { name: 'Daraa', aliases: ["Dar'a", 'Deraa'] },
  'SY-DY': { name: 'Deir ez-Zor', aliases: ['Dayr az Zawr', 'Deir al-Zour', 'Deir Ezzor', 'Deir ez Zor', 'Deir el-Zor'] },
  'SY-HA': { name: 'Al-Hasakah', aliases: ['Hasakah', 'Hasaka', 'Al Hasakah'] },
  'SY-HI': { name: 'Homs', aliases: ['Hims'] },
  'SY-HL': { name: 'Aleppo', aliases: ['Halab'] },
  'SY-HM': { name: 'Hama', aliases: ['Hamah'] },
  'SY-LA': { name: 'Latakia', aliases: ['Lattakia', 'Al Ladhiqiyah'] },
  'SY-QU': { name: 'Quneitra', aliases: ['Al Qunaytirah'] },
  'SY-RA': { name: 'Raqqa', aliases: ['Ar Raqqah', 'Al-Raqqah', 'Raqqah', 'Rakka'] },
  'SY-RD': { name: 'Rif Dimashq', aliases: ['Rural Damascus', 'Damascus Countryside', 'Reef Damascus'] },
  'SY-SU': { name: 'As-Suwayda', aliases: ['Suwayda', 'Sweida', 'As Suwayda'] },
  'SY-TA': { name: 'Tartus', aliases: ['Tartous', 'Tartous'] },
  'LY-BA': { name: 'Benghazi', aliases: ['Banghazi'] },
  'LY-BU': { name: 'Butnan', aliases: ['Al Butnan'], pt: [31.0, 24.3] },
  'LY-DR': { name: 'Derna', aliases: ['Darnah'] },
  'LY-JA': { name: 'Jabal al Akhdar', aliases: ['Al Jabal al Akhdar', 'Green Mountain'], pt: [32.5, 21.7] },
  'LY-JG': { name: 'Jabal al Gharbi', aliases: ['Al Jabal al Gharbi', 'Nafusa Mountains'] },
  'LY-JI': { name: 'Jafara', aliases: ['Al Jafarah'] },
  'LY-JU': { name: 'Jufra', aliases: ['Al Jufrah'] },
  'LY-KF': { name: 'Kufra', aliases: ['Al Kufrah'] },
  'LY-MB': { name: 'Murqub', aliases: ['Al Marqab', 'Margeb'] },
  'LY-MI': { name: 'Misrata', aliases: ['Misurata', 'Misratah'] },
  'LY-MJ': { name: 'Marj', aliases: ['Al Marj'] },
  'LY-SB': { name: 'Sabha', aliases: ['Sebha'] },
  'LY-SR': { name: 'Sirte', aliases: ['Surt', 'Sirt'] },
  'LY-TB': { name: 'Tripoli District', aliases: ['Tarabulus'] },
  'LY-WA': { name: 'Al Wahat', aliases: ['Wahat'] },
  'LY-WD': { name: 'Wadi al Hayaa', aliases: ['Wadi al Hayat'] },
  'LY-WS': { name: 'Wadi al Shatii', aliases: ["Wadi ash Shati'"] },
  'LY-ZA': { name: 'Zawiya', aliases: ['Az Zawiyah', 'Zawiyah'] },
}

/**
 * Domain regions below the ISO list: FATA's seven agencies (tribal districts of Khyber Pakhtunkhwa since the 2018
 * merger) and Waziristan as a whole. Points are approximate centroids (±0.2°) read from the agencies' maps on
 * Wikipedia / the FATA Secretariat's district maps; the agency headquarters towns are given beside them in comments.
 */
const DOMAIN_REGIONS = [
  { id: 'PK-TA-WAZ', name: 'Waziristan', parents: ['PK-TA'], aliases: [], pt: [32.6, 69.9] },
  { id: 'PK-TA-NWA', name: 'North Waziristan', parents: ['PK-TA-WAZ'], aliases: ['North Waziristan Agency', 'N. Waziristan', 'North Waziristan district', 'North Waziristan tribal district'], pt: [32.95, 70.05] }, // HQ Miranshah 33.00 70.07
  { id: 'PK-TA-SWA', name: 'South Waziristan', parents: ['PK-TA-WAZ'], aliases: ['South Waziristan Agency', 'S. Waziristan', 'South Waziristan district', 'South Waziristan tribal district'], pt: [32.3, 69.75] }, // HQ Wana 32.30 69.57
  { id: 'PK-TA-KHY', name: 'Khyber Agency', parents: ['PK-TA'], aliases: ['Khyber', 'Khyber district', 'Khyber tribal district'], pt: [33.95, 71.1] }, // HQ Landi Kotal 34.10 71.14
  { id: 'PK-TA-BAJ', name: 'Bajaur', parents: ['PK-TA'], aliases: ['Bajaur Agency', 'Bajour', 'Bajaur district', 'Bajaur tribal district'], pt: [34.75, 71.5] }, // HQ Khar 34.73 71.52
  { id: 'PK-TA-KUR', name: 'Kurram', parents: ['PK-TA'], aliases: ['Kurram Agency', 'Kurram district', 'Kurram tribal district'], pt: [33.7, 70.3] }, // HQ Parachinar 33.90 70.10
  { id: 'PK-TA-ORA', name: 'Orakzai', parents: ['PK-TA'], aliases: ['Orakzai Agency', 'Orakzai district', 'Orakzai tribal district'], pt: [33.68, 70.95] },
  { id: 'PK-TA-MOH', name: 'Mohmand', parents: ['PK-TA'], aliases: ['Mohmand Agency', 'Mohmand district', 'Mohmand tribal district'], pt: [34.45, 71.3] }, // HQ Ghalanai 34.33 71.38
]

/**
 * Well-known towns in the focus regions that reports of strikes name, with their coordinates (±0.05°, as given on
 * Wikipedia/GeoNames for each town). Locality precision: a town, never the strike's own location.
 */
const LOCALITIES = [
  ['PK-TA-NWA', 'Miranshah', 33.0, 70.07, ['Miramshah', 'Miran Shah']],
  ['PK-TA-NWA', 'Mir Ali', 32.97, 70.28, ['Mirali']],
  ['PK-TA-NWA', 'Datta Khel', 32.95, 69.85, ['Datakhel', 'Dattakhel']],
  ['PK-TA-NWA', 'Razmak', 32.69, 69.84, []],
  ['PK-TA-NWA', 'Spinwam', 33.13, 70.37, []],
  ['PK-TA-NWA', 'Shewa', 33.05, 70.27, []],
  ['PK-TA-SWA', 'Wana', 32.3, 69.57, []],
  ['PK-TA-SWA', 'Angoor Adda', 32.42, 69.36, ['Angor Adda']],
  ['PK-TA-SWA', 'Makeen', 32.64, 69.83, ['Makin']],
  ['PK-TA-SWA', 'Ladha', 32.58, 69.91, []],
  ['PK-TA-BAJ', 'Damadola', 34.83, 71.55, ['Damadolah']],
  ['PK-TA-BAJ', 'Khar', 34.73, 71.52, []],
  ['PK-TA-KUR', 'Parachinar', 33.9, 70.1, []],
  ['PK-TA-KHY', 'Landi Kotal', 34.1, 71.14, []],
  ['PK-TA-KHY', 'Jamrud', 33.99, 71.38, []],
  ['PK-TA-KHY', 'Bara', 33.91, 71.46, []],
  ['PK-KP', 'Peshawar', 34.01, 71.58, []],
  ['PK-KP', 'Bannu', 32.99, 70.6, []],
  ['PK-KP', 'Dera Ismail Khan', 31.83, 70.9, ['D.I. Khan', 'DI Khan']],
  ['PK-KP', 'Hangu', 33.53, 71.06, []],
  ['PK-KP', 'Tank', 32.22, 70.38, []],
  ['PK-IS', 'Islamabad', 33.69, 73.06, []],
  ['PK-BA', 'Quetta', 30.18, 67.0, []],
  ['PK-SD', 'Karachi', 24.86, 67.01, []],
  ['PK-PB', 'Lahore', 31.55, 74.34, []],
  ['YE-SA', 'Sanaa', 15.37, 44.19, ['Sana', 'Sanaʻa', 'Sana’a City']],
  ['YE-AB', 'Zinjibar', 13.13, 45.38, []],
  ['YE-AB', 'Jaar', 13.22, 45.31, ["Ja'ar", 'Jaʼar']],
  ['YE-BA', "Rada'a", 14.42, 44.84, ['Radaa', 'Rada', 'Radda']],
  ['YE-SH', 'Azzan', 14.2, 47.1, []],
  ['YE-HD', 'Mukalla', 14.54, 49.13, ['Al Mukalla']],
  ['YE-MA', 'Marib city', 15.46, 45.33, []],
  ['SO-BN', 'Mogadishu', 2.05, 45.32, ['Muqdisho']],
  ['SO-JH', 'Kismayo', -0.36, 42.55, ['Kismaayo', 'Kismayu']],
  ['SO-SH', 'Barawe', 1.11, 44.03, ['Brava', 'Baraawe']],
  ['SO-JD', 'Jilib', 0.49, 42.77, []],
  ['SO-BY', 'Baidoa', 3.11, 43.65, ['Baydhabo']],
  ['SO-BR', 'Bosaso', 11.28, 49.18, ['Bosasso', 'Boosaaso']],
  ['AF-NAN', 'Jalalabad', 34.43, 70.45, []],
  ['AF-NAN', 'Achin', 34.13, 70.7, []],
  ['AF-HEL', 'Lashkar Gah', 31.59, 64.37, ['Lashkargah']],
  ['IQ-NI', 'Mosul', 36.34, 43.13, []],
  ['IQ-AN', 'Fallujah', 33.35, 43.78, ['Falluja']],
  ['IQ-AN', 'Ramadi', 33.42, 43.3, []],
  ['SY-ID', 'Idlib city', 35.93, 36.63, []],
  ['SY-HL', 'Manbij', 36.53, 37.95, []],
  ['SY-DY', 'Al-Bukamal', 34.45, 40.92, ['Abu Kamal', 'Albu Kamal']],
  ['LY-TB', 'Tripoli', 32.89, 13.19, []],
  ['US-DC', 'Washington, D.C.', 38.9, -77.04, ['Washington', 'Washington DC', 'Washington D.C.']],
]

/** Region names that are ordinary English words: kept for lookups, matched in text only with a suffix ("Bay region"). */
const COMMON_WORDS = new Set(['bay', 'centre', 'center', 'central', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'capital', 'coast', 'lakes', 'upper', 'lower', 'islands', 'delta', 'plateau', 'valley', 'interior', 'littoral', 'maritime', 'lake', 'river', 'mountain', 'north east', 'north west', 'south east', 'south west', 'northeast', 'northwest', 'southeast', 'southwest', 'far north', 'centre-est', 'sud', 'nord', 'est', 'ouest', 'centre-sud', 'centre-nord', 'highlands', 'lowlands', 'greater', 'tank', 'bara', 'khar', 'ladha', 'rada', 'sana', 'sol', 'washington', 'georgia', 'victoria', 'jersey', 'santa', 'saint', 'mayo', 'man', 'ha', 'ma', 'ra', 'ga', 'sa', 'ca', 'ni', 'nu', 'la', 'do', 'in', 'on', 'at', 'as', 'be', 'me', 'my', 'no', 'to', 'so', 'or', 'an', 'is', 'it', 'of', 'us', 'we', 'he', 'am', 'go', 'up', 'by', 'if', 'hi', 'ok', 'oh'])

const cscByCode = new Map(cscStates.map((s) => [`${s.countryCode}-${s.isoCode}`, s]))
const SUFFIX = /\s+(Governorate|Province|District|Region|Municipality|Prefecture|Department|County)$/i
const isFirstLevel = new Set(iso31661.map((c) => c.alpha2))
const focusFirstLevel = new Set(iso31662.filter((s) => FOCUS.includes(s.parent)).map((s) => s.code))
const failures = []

/** Whether a [lon, lat] point lies in a country, allowing for coastal points just off the 1:50m outline. */
function inCountry(cc, lon, lat) {
  const list = countryShape.get(cc)
  if (!list) return null
  for (const [dx, dy] of [[0, 0], [0.1, 0], [-0.1, 0], [0, 0.1], [0, -0.1]]) if (list.some((shape) => geoContains(shape, [lon + dx, lat + dy]))) return true
  return false
}

for (const s of iso31662) {
  const topLevel = isFirstLevel.has(s.parent)
  if (!topLevel && !focusFirstLevel.has(s.parent)) continue
  const cc = s.code.slice(0, 2)
  const csc = cscByCode.get(s.code)
  const cur = FOCUS_REGIONS[s.code]
  const isoName = fold(s.name)
  const cscName = csc ? fold(csc.name).replace(SUFFIX, '') : null
  const name = cur?.name ?? cscName ?? isoName
  const aliases = new Set([isoName, cscName, ...(cur?.aliases ?? [])].filter(Boolean))
  let lat = null
  let lon = null
  let src = 'none'
  if (csc && csc.latitude && csc.longitude) {
    const y = Number(csc.latitude)
    const x = Number(csc.longitude)
    const ok = inCountry(cc, x, y)
    if (ok === true || (ok === null && !FOCUS.includes(cc))) { lat = round(y); lon = round(x); src = 'country-state-city' }
    else failures.push(`${s.code} ${name}: point ${y},${x} is outside ${cc}`)
  }
  if (cur?.pt) { [lat, lon] = cur.pt; src = 'hand-entered approximate centroid' }
  if (lat === null && FOCUS.includes(cc)) failures.push(`${s.code} ${name}: no point (focus country)`)
  aliases.delete(name)
  entries.push({ id: s.code, kind: 'region', country: cc, name, lat, lon, parents: [topLevel ? cc : s.parent], aliases: [...aliases], focus: FOCUS.includes(cc), src })
}
for (const r of DOMAIN_REGIONS) {
  entries.push({ id: r.id, kind: 'region', country: 'PK', name: r.name, lat: r.pt[0], lon: r.pt[1], parents: r.parents, aliases: r.aliases, focus: true, src: 'hand-entered approximate centroid' })
}
// FATA merged into Khyber Pakhtunkhwa in 2018 (25th Amendment): it is inside both Pakistan and KP.
entries.find((e) => e.id === 'PK-TA').parents = ['PK-KP', 'PK']
const byId = new Map(entries.map((e) => [e.id, e]))
for (const [parent, name, lat, lon, aliases] of LOCALITIES) {
  const p = byId.get(parent)
  if (!p) throw new Error(`locality ${name}: unknown parent ${parent}`)
  const id = `${parent}:${name.toLowerCase().replace(/[^a-z]+/g, '-')}`
  entries.push({ id, kind: 'locality', country: p.country, name, lat, lon, parents: [parent], aliases, focus: true, src: 'hand-entered town coordinates' })
}
for (const e of entries) {
  if (e.lat !== null && e.kind !== 'country') {
    const ok = inCountry(e.country, e.lon, e.lat)
    if (ok === false) failures.push(`${e.id} ${e.name}: final point ${e.lat},${e.lon} is outside ${e.country}`)
  }
}
const focusFailures = failures.filter((f) => FOCUS.includes(f.slice(0, 2)) && !/: point .* is outside/.test(f) || /final point/.test(f))
for (const f of failures) console.error(`note: ${f}`)
if (focusFailures.length > 0) { console.error(`${focusFailures.length} focus-country points need a hand-entered value`); process.exit(1) }

// Compact rows: [id, kind, country, name, lat, lon, parents, aliases, demonyms, textSafe, focus]
const rows = entries.map((e) => [
  e.id, e.kind[0], e.country, e.name, e.lat, e.lon, e.parents, e.aliases, e.demonyms ?? [],
  // textSafe: 0 = never match the bare name in running text (a common word)
  e.kind !== 'country' && COMMON_WORDS.has(e.name.toLowerCase()) ? 0 : 1,
  e.focus ? 1 : 0,
])
const header = `/** @module Generated by scripts/build-gazetteer.mjs from iso-3166, world-countries, world-atlas and country-state-city (see that script for sources and hand-entered points). Do not edit. */

/** One gazetteer row: [id, kind (c|r|l), country, name, lat, lon, parent ids, aliases, demonyms, text-safe, focus]. */
export type GazetteerRow = [string, 'c' | 'r' | 'l', string, string, number | null, number | null, string[], string[], string[], 0 | 1, 0 | 1]

/** Region names that are ordinary English words and are matched in running text only with a qualifier. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(${JSON.stringify([...COMMON_WORDS])})

/** Every country, first-level region (and Iraqi Kurdistan's governorates), FATA agency and listed town. */
export const GAZETTEER_ROWS: readonly GazetteerRow[] = JSON.parse(${JSON.stringify(JSON.stringify(rows))}) as GazetteerRow[]
`
writeFileSync(new URL('../src/gazetteer/gazetteer-data.ts', import.meta.url), header)
console.log(`wrote ${rows.length} rows (${entries.filter((e) => e.kind === 'country').length} countries, ${entries.filter((e) => e.kind === 'region').length} regions, ${entries.filter((e) => e.kind === 'locality').length} localities)`)
