/** @module Gazetteer lookups over the generated data: names, aliases, demonyms, hierarchy and containment. */
import type { Place } from '../domain/place.js'
import { COMMON_WORDS, GAZETTEER_ROWS } from './gazetteer-data.js'

/** A gazetteer entry: a country, a region (ISO first-level or a domain region such as a FATA agency) or a town. */
export interface GazetteerEntry {
  /** ISO code for countries and ISO regions ("PK", "PK-KP"); "PK-TA-NWA" style for domain regions; "parent:name" for towns. */
  readonly id: string
  readonly kind: 'country' | 'region' | 'locality'
  readonly country: string
  readonly name: string
  readonly lat: number | null
  readonly lon: number | null
  /** Direct parents; more than one where history gives two (FATA is in Pakistan and, since 2018, in Khyber Pakhtunkhwa). */
  readonly parents: readonly string[]
  readonly aliases: readonly string[]
  readonly demonyms: readonly string[]
  /** False when the bare name is an ordinary English word ("Bay", "Central"): matched in text only with a qualifier. */
  readonly textSafe: boolean
  /** One of the countries whose regions Reckon's sources discuss most (PK, AF, YE, SO, IQ, SY, LY). */
  readonly focus: boolean
}

const KIND = { c: 'country', r: 'region', l: 'locality' } as const

/** Word tokens: letters, marks and digits, with inner apostrophes kept ("Ma'rib", "Pakistan's"). */
export const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’‘ʻʼ][\p{L}\p{M}\p{N}]+)*/gu

/** Normalises one token for matching: lower case, no diacritics, no apostrophes. */
export function normToken(token: string): string {
  // Plain ASCII letters are the common case; skip the Unicode work for them.
  if (/^[A-Za-z0-9]+$/.test(token)) return token.toLowerCase()
  return token.normalize('NFD').replace(/\p{M}/gu, '').replace(/['’‘ʻʼ]/g, '').toLowerCase()
}

/** Normalises a name to its matching key: normalised tokens joined by single spaces. */
export function nameKey(name: string): string {
  const out: string[] = []
  for (const m of name.matchAll(TOKEN_RE)) out.push(normToken(m[0]))
  return out.join(' ')
}

/** Qualifiers that turn a region name into an unambiguous phrase ("Kabul province", "Bay region"). */
const QUALIFIERS = ['province', 'governorate', 'region', 'district', 'agency', 'state', 'tribal district', 'tribal agency']

/** Demonyms several countries share, resolved to the country English-language texts mean by them. */
const DEMONYM_OVERRIDES: Readonly<Record<string, string>> = {
  american: 'US', americans: 'US', british: 'GB', dominican: 'DO', congolese: 'CD', guinean: 'GN', korean: 'KR',
  irish: 'IE', chinese: 'CN', french: 'FR', dutch: 'NL', danish: 'DK', norwegian: 'NO', australian: 'AU', samoan: 'WS',
}

/** An alias as indexed: the entry, and whether the text must show it in capitals (acronyms like "US", "FATA"). */
export interface AliasHit {
  readonly entry: GazetteerEntry
  readonly acronym: boolean
  /** False for aliases never matched in running text (common words). */
  readonly inText: boolean
}

/** The loaded gazetteer: entries by id and the alias index, built once on first use. */
export interface GazetteerIndex {
  readonly entries: readonly GazetteerEntry[]
  readonly byId: ReadonlyMap<string, GazetteerEntry>
  readonly byKey: ReadonlyMap<string, readonly AliasHit[]>
  readonly demonyms: ReadonlyMap<string, string>
}

let index: GazetteerIndex | null = null

/** Returns the gazetteer index, building it on first call (a few tens of milliseconds). */
export function gazetteerIndex(): GazetteerIndex {
  if (index) return index
  const entries: GazetteerEntry[] = GAZETTEER_ROWS.map((r) => ({
    id: r[0], kind: KIND[r[1]], country: r[2], name: r[3], lat: r[4], lon: r[5], parents: r[6], aliases: r[7], demonyms: r[8],
    textSafe: r[9] === 1, focus: r[10] === 1,
  }))
  const byId = new Map(entries.map((e) => [e.id, e]))
  const byKey = new Map<string, AliasHit[]>()
  const add = (alias: string, entry: GazetteerEntry, inText: boolean, knownKey?: string): void => {
    const key = knownKey ?? nameKey(alias)
    if (key.length < 2) return
    const acronym = !/\p{Ll}/u.test(alias) && alias.replace(/[^\p{L}]/gu, '').length <= 5
    // Acronyms must be written in capitals and towns are curated; any other alias that is a common word stays out of running text.
    const safe = inText && (acronym || entry.kind === 'locality' || !COMMON_WORDS.has(key))
    const list = byKey.get(key)
    const hit = { entry, acronym, inText: safe }
    if (!list) byKey.set(key, [hit])
    else if (!list.some((h) => h.entry === entry)) list.push(hit)
  }
  for (const e of entries) {
    add(e.name, e, e.textSafe)
    for (const a of e.aliases) add(a, e, true)
    if (e.kind === 'region') {
      for (const base of [e.name, ...e.aliases]) {
        if (/\b(province|governorate|region|district|agency)$/i.test(base)) continue
        const baseKey = nameKey(base)
        for (const q of QUALIFIERS) add(`${base} ${q}`, e, true, `${baseKey} ${q}`)
      }
    }
  }
  const demonyms = new Map<string, string>(Object.entries(DEMONYM_OVERRIDES))
  for (const e of entries) {
    if (e.kind !== 'country') continue
    for (const d of e.demonyms) {
      const key = nameKey(d)
      if (!demonyms.has(key)) demonyms.set(key, e.country)
    }
  }
  // A region named like a people ("Somali" Region of Ethiopia, "Afar") is matched in text only with its qualifier:
  // bare, the word is almost always the demonym.
  for (const [key, hits] of byKey) {
    if (!demonyms.has(key)) continue
    byKey.set(key, hits.map((h) => (h.entry.kind === 'country' ? h : { ...h, inText: false })))
  }
  index = { entries, byId, byKey, demonyms }
  return index
}

/** Orders candidate entries for one name: countries, then focus regions, then other regions, then towns. */
export function rankEntry(e: GazetteerEntry): number {
  if (e.kind === 'country') return 100
  return (e.focus ? 10 : 0) + (e.kind === 'region' ? 5 : 3)
}

/** The nearest region at or above an entry (a town's admin1). */
function regionOf(e: GazetteerEntry, idx: GazetteerIndex): GazetteerEntry | null {
  let cur: GazetteerEntry | undefined = e
  while (cur && cur.kind === 'locality') cur = idx.byId.get(cur.parents[0] ?? '')
  return cur && cur.kind === 'region' ? cur : null
}

/** Turns a gazetteer entry into a domain Place with the matching precision. */
export function entryToPlace(e: GazetteerEntry): Place {
  const idx = gazetteerIndex()
  const admin1 = e.kind === 'country' ? null : (regionOf(e, idx)?.name ?? null)
  return { name: e.name, admin1, admin2: null, country: e.country, lat: e.lat, lon: e.lon, precision: e.kind }
}

/** All places a name may refer to, best first; `country` (ISO alpha-2) narrows the search. */
export function lookupPlaces(name: string, country?: string): Place[] {
  const hits = gazetteerIndex().byKey.get(nameKey(name)) ?? []
  return hits
    .filter((h) => country === undefined || h.entry.country === country)
    .map((h) => h.entry)
    .sort((a, b) => rankEntry(b) - rankEntry(a))
    .map(entryToPlace)
}

/** The best place for a name (country first, then focus regions), or null when the gazetteer doesn't know it. */
export function lookupPlace(name: string, country?: string): Place | null {
  return lookupPlaces(name, country)[0] ?? null
}

/** The English common name of a country from its ISO 3166-1 alpha-2 code, or null. */
export function countryName(code: string): string | null {
  const e = gazetteerIndex().byId.get(code.toUpperCase())
  return e && e.kind === 'country' ? e.name : null
}

/** The ISO 3166-1 alpha-2 code for a demonym ("Pakistani" → "PK", "Yemenis" → "YE"), or null. */
export function countryFromDemonym(word: string): string | null {
  const key = nameKey(word)
  const d = gazetteerIndex().demonyms
  return d.get(key) ?? (key.endsWith('s') ? (d.get(key.slice(0, -1)) ?? null) : null)
}

/** Finds the gazetteer entry a place stands for: by name/admin1 within its country, falling back to coarser levels. */
export function entryForPlace(place: Place): GazetteerEntry | null {
  const idx = gazetteerIndex()
  const within = (name: string | null | undefined, kinds: readonly GazetteerEntry['kind'][]): GazetteerEntry | null => {
    if (!name) return null
    const hits = (idx.byKey.get(nameKey(name)) ?? []).filter((h) => kinds.includes(h.entry.kind) && (place.country === null || h.entry.country === place.country))
    hits.sort((a, b) => rankEntry(b.entry) - rankEntry(a.entry))
    return hits[0]?.entry ?? null
  }
  const country = place.country ? (idx.byId.get(place.country) ?? null) : null
  if (place.precision === 'country') return country
  if (place.precision === 'exact' || place.precision === 'locality') {
    const town = within(place.name, ['locality'])
    if (town) return town
  }
  // admin2 first: ACLED gives Pakistan's tribal districts as admin2 under Khyber Pakhtunkhwa ("North Waziristan").
  const admin2 = place.precision === 'region' ? null : within(place.admin2, ['region'])
  return admin2 ?? within(place.admin1, ['region']) ?? (place.precision === 'region' ? within(place.name, ['region']) : null) ?? country
}

/** Ancestor ids of an entry, nearest first (breadth-first over all parents), without duplicates. */
function ancestorIds(e: GazetteerEntry, idx: GazetteerIndex): string[] {
  const out: string[] = []
  const queue = [...e.parents]
  while (queue.length > 0) {
    const id = queue.shift()!
    if (out.includes(id)) continue
    out.push(id)
    queue.push(...(idx.byId.get(id)?.parents ?? []))
  }
  // A country is always the outermost ancestor, even when a region lists it directly beside another parent.
  const c = out.indexOf(e.country)
  if (c >= 0 && c !== out.length - 1) { out.splice(c, 1); out.push(e.country) }
  return out
}

/**
 * The places containing `place`, nearest first, ending with its country. A town not in the gazetteer starts from its
 * admin1 region. North Waziristan gives Waziristan, FATA, Khyber Pakhtunkhwa, Pakistan.
 */
export function ancestry(place: Place): Place[] {
  const idx = gazetteerIndex()
  const e = entryForPlace(place)
  if (!e) return []
  const self = nameKey(place.name ?? place.admin1 ?? '') === nameKey(e.name) || e.kind === 'country' && place.precision === 'country'
  const ids = [...(self ? [] : [e.id]), ...ancestorIds(e, idx)]
  return ids.map((id) => idx.byId.get(id)).filter((x): x is GazetteerEntry => x !== undefined).map(entryToPlace)
}

/** True when `outer` contains `inner` (a place contains itself); unknown names fall back to comparing country and admin1. */
export function placeContains(outer: Place, inner: Place): boolean {
  if (outer.country !== null && inner.country !== null && outer.country !== inner.country) return false
  const idx = gazetteerIndex()
  const o = entryForPlace(outer)
  const i = entryForPlace(inner)
  if (outer.precision === 'country' || o?.kind === 'country' && outer.precision !== 'locality') return outer.country !== null && outer.country === inner.country
  if (o && i) {
    if (o.id === i.id) return rankPrecision(inner) <= rankPrecision(outer)
    return ancestorIds(i, idx).includes(o.id)
  }
  // Neither side is in the gazetteer: the same named region in the same country.
  return outer.admin1 !== null && inner.admin1 !== null && nameKey(outer.admin1) === nameKey(inner.admin1) && rankPrecision(inner) <= rankPrecision(outer)
}

/** Smaller is more precise. */
function rankPrecision(p: Place): number {
  return ['exact', 'locality', 'district', 'region', 'country', 'unknown'].indexOf(p.precision)
}

/** A country filter as typed: its code, or the closest countries' names and codes when it names none. */
export type CountryAnswer = { readonly code: string } | { readonly code: null; readonly suggestions: readonly string[] }

/**
 * Reads a country as a person types it: an ISO 3166-1 alpha-2 code in any case ("pk"), or a name, alias or demonym
 * ("Pakistan", "islamic republic of pakistan", "Yemeni"). When nothing matches, suggests up to three countries whose
 * names start with or contain the input, or are one or two typing errors away ("Pakistn" → "Pakistan (PK)").
 */
export function countryCode(input: string): CountryAnswer {
  const idx = gazetteerIndex()
  const trimmed = input.trim()
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const e = idx.byId.get(trimmed.toUpperCase())
    if (e?.kind === 'country') return { code: e.id }
  }
  const key = nameKey(trimmed)
  const hits = idx.byKey.get(key) ?? []
  const hit = hits.find((h) => h.entry.kind === 'country')
  if (hit) return { code: hit.entry.id }
  const demonym = countryFromDemonym(trimmed)
  if (demonym !== null) return { code: demonym }
  // A region or town ("Gaza", "Waziristan"): suggest the country it is in.
  const within = [...new Set(hits.map((h) => h.entry.country))].map((c) => `${countryName(c) ?? c} (${c})`)
  if (within.length > 0) return { code: null, suggestions: within.slice(0, 3) }
  const countries = idx.entries.filter((e) => e.kind === 'country')
  const scored = countries
    .map((e) => {
      const name = nameKey(e.name)
      const score = key === '' ? 99 : name.startsWith(key) ? 0 : name.includes(key) ? 1 : editDistance(name, key) <= Math.max(1, Math.min(2, key.length >> 2)) ? 2 : 99
      return { e, score }
    })
    .filter((s) => s.score < 99)
    .sort((a, b) => a.score - b.score || a.e.name.localeCompare(b.e.name))
  return { code: null, suggestions: scored.slice(0, 3).map((s) => `${s.e.name} (${s.e.id})`) }
}

/** Levenshtein distance: typing errors in a country name, transliterations of a region's ("Hilmand", "Helmand"). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]!
}

/** A gazetteer entry offered to a person choosing a place: its id, kind and the Place it stands for. */
export interface PlaceChoice {
  readonly id: string
  readonly kind: GazetteerEntry['kind']
  readonly place: Place
}

/**
 * Places whose name or alias starts with (then contains) `query`, best first, for a person searching the gazetteer;
 * an empty query lists every entry of `kind` (every country, for a country picker).
 */
export function searchPlaces(query: string, opts: { kind?: GazetteerEntry['kind']; country?: string; limit?: number } = {}): PlaceChoice[] {
  const idx = gazetteerIndex()
  const key = nameKey(query)
  const scored: { e: GazetteerEntry; score: number }[] = []
  for (const e of idx.entries) {
    if (opts.kind !== undefined && e.kind !== opts.kind) continue
    if (opts.country !== undefined && e.country !== opts.country) continue
    if (key === '') {
      scored.push({ e, score: 0 })
      continue
    }
    const names = [e.name, ...e.aliases].map(nameKey)
    const score = names.some((n) => n === key) ? 0 : names.some((n) => n.startsWith(key)) ? 1 : names.some((n) => n.includes(key)) ? 2 : -1
    if (score >= 0) scored.push({ e, score })
  }
  scored.sort((a, b) => a.score - b.score || rankEntry(b.e) - rankEntry(a.e) || a.e.name.localeCompare(b.e.name))
  return scored.slice(0, opts.limit ?? scored.length).map(({ e }) => ({ id: e.id, kind: e.kind, place: entryToPlace(e) }))
}
