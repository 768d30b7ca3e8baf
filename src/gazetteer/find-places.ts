/** @module Finds gazetteer place names in running text in one pass over its word tokens, using a token trie. */
import type { Place } from '../domain/place.js'
import { entryToPlace, gazetteerIndex, nameKey, normToken, rankEntry, TOKEN_RE, type AliasHit, type GazetteerEntry } from './gazetteer.js'

/** One place name found in a text: offsets into the text (end exclusive), the text as written, and the place. */
export interface PlaceMention {
  readonly start: number
  readonly end: number
  readonly name: string
  readonly place: Place
}

/** Context for findPlaces. */
export interface FindPlacesOptions {
  /** ISO 3166-1 alpha-2 codes of countries the document is known to be about. */
  readonly countries?: readonly string[]
}

interface TrieNode {
  next: Map<string, TrieNode>
  hits: AliasHit[] | null
  /** Ends a phrase that contains a place name but names something else ("New York Times"). */
  block?: boolean
}

/** Names of organisations and titles that start with a place name; matched so that they hide it. */
const NOT_PLACES = ['New York Times', 'Washington Post', 'New Yorker', 'Los Angeles Times', 'Wall Street Journal', 'Jersey City', 'Georgia Tech', 'Indiana Jones', 'Virginia Woolf', 'Jordan Peterson', 'Chad Smith']

let trie: TrieNode | null = null

/** Builds the token trie from the alias index, keeping only aliases allowed in running text. */
function buildTrie(): TrieNode {
  const root: TrieNode = { next: new Map(), hits: null }
  for (const [key, hits] of gazetteerIndex().byKey) {
    const inText = hits.filter((h) => h.inText)
    if (inText.length === 0) continue
    let node = root
    for (const t of key.split(' ')) {
      let n = node.next.get(t)
      if (!n) { n = { next: new Map(), hits: null }; node.next.set(t, n) }
      node = n
    }
    node.hits = inText
  }
  for (const phrase of NOT_PLACES) {
    let node = root
    for (const t of nameKey(phrase).split(' ')) {
      let n = node.next.get(t)
      if (!n) { n = { next: new Map(), hits: null }; node.next.set(t, n) }
      node = n
    }
    node.hits = []
    node.block = true
  }
  return root
}

interface Token { start: number; end: number; raw: string }

/** Only spaces, line breaks, hyphens, dots and commas may separate the words of one name ("North\nWaziristan", "D.C."). */
const GAP_RE = /[\s.,\-–]{0,4}/y
/** A word that could start a name: it begins with a capital (proper names and acronyms alike) and follows no letter. */
const CAP_RE = /(?:^|[^\p{L}\p{M}\p{N}'’])(\p{Lu}[\p{L}\p{M}\p{N}]*(?:['’‘ʻʼ][\p{L}\p{M}\p{N}]+)*)/gu
/** Any word, anchored where the previous one (and the gap after it) ended. */
const WORD_RE = new RegExp(TOKEN_RE.source, 'uy')

const isUpper = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase()
const startsUpper = (s: string): boolean => { const c = s[0] ?? ''; return c !== c.toLowerCase() }

interface Candidate { start: number; end: number; hits: AliasHit[] }

/** The hits that the written form allows: proper names must start with a capital, acronyms must be all capitals. */
function allowed(hits: AliasHit[], tokens: Token[]): AliasHit[] {
  const first = tokens[0]!.raw
  return hits.filter((h) => {
    if (!h.acronym) return startsUpper(first)
    for (const t of tokens) if (!isUpper(t.raw.replace(/['’]s$/, ''))) return false
    return true
  })
}

/**
 * Finds every gazetteer name in `text`, longest match first, left to right, in a single pass. A name that several
 * places share resolves to a place in a country the text names elsewhere, else to the better-ranked entry
 * (countries, then focus regions; a region over a town of the same name, the coarser and so the safer claim).
 * Possessives ("Pakistan's") match without the "'s". `opts.countries` adds countries known from outside the text
 * (a document's country), which settle ambiguous names the same way.
 */
export function findPlaces(text: string, opts: FindPlacesOptions = {}): PlaceMention[] {
  trie ??= buildTrie()
  const found: Candidate[] = []
  let resumeAt = 0
  // Only capitalised words can start a name, so the scan jumps from one to the next and reads on from there.
  for (const mm of text.matchAll(CAP_RE)) {
    const word = mm[1]!
    const m = { index: mm.index + mm[0].length - word.length, 0: word }
    if (m.index < resumeAt) continue
    let node: TrieNode | undefined = trie
    let best: Candidate | null = null
    const walked: Token[] = []
    let tok: Token | null = { start: m.index, end: m.index + m[0].length, raw: m[0] }
    while (tok && node) {
      walked.push(tok)
      const norm = normToken(tok.raw)
      // A possessive can only end a name: try the form without "'s" as a final token.
      if (/['’]s$/.test(tok.raw)) {
        const alt = node.next.get(norm.slice(0, -1))
        if (alt?.hits) {
          const ok = allowed(alt.hits, walked)
          if (ok.length > 0) best = { start: m.index, end: tok.end - 2, hits: ok }
        }
      }
      node = node.next.get(norm)
      if (node?.block) best = { start: m.index, end: tok.end, hits: [] }
      else if (node?.hits) {
        const ok = allowed(node.hits, walked)
        if (ok.length > 0) best = { start: m.index, end: tok.end, hits: ok }
      }
      if (!node || node.next.size === 0) break
      GAP_RE.lastIndex = tok.end
      GAP_RE.exec(text)
      WORD_RE.lastIndex = GAP_RE.lastIndex
      const w = WORD_RE.exec(text)
      tok = w ? { start: w.index, end: w.index + w[0].length, raw: w[0] } : null
    }
    if (best) { if (best.hits.length > 0) found.push(best); resumeAt = best.end }
  }
  // Countries named unambiguously in the text settle which "Punjab" or "Tripoli" is meant.
  const named = new Set<string>(opts.countries ?? [])
  for (const c of found) {
    const countries = new Set(c.hits.map((h) => h.entry.country))
    if (countries.size === 1) named.add([...countries][0]!)
  }
  return found.map((c) => {
    let pick: GazetteerEntry = c.hits[0]!.entry
    let score = -Infinity
    for (const h of c.hits) {
      const s = rankEntry(h.entry) + (named.has(h.entry.country) ? 1000 : 0)
      if (s > score) { score = s; pick = h.entry }
    }
    return { start: c.start, end: c.end, name: text.slice(c.start, c.end), place: entryToPlace(pick) }
  })
}
