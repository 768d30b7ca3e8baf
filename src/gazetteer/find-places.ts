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

interface Token { start: number; end: number; raw: string; norm: string }

/** Only spaces, line breaks, hyphens, dots and commas may separate the words of one name ("North\nWaziristan", "D.C."). */
const GAP_RE = /^[\s.,\-–]{0,4}$/

const isUpper = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase()
const startsUpper = (s: string): boolean => { const c = s[0] ?? ''; return c !== c.toLowerCase() }

interface Candidate { start: number; end: number; hits: AliasHit[]; lastToken: number }

/** The hits that the written form allows: proper names must start with a capital, acronyms must be all capitals. */
function allowed(hits: AliasHit[], tokens: Token[], from: number, to: number): AliasHit[] {
  const first = tokens[from]!.raw
  return hits.filter((h) => {
    if (!h.acronym) return startsUpper(first)
    for (let k = from; k <= to; k++) if (!isUpper(tokens[k]!.raw.replace(/['’]s$/, ''))) return false
    return true
  })
}

/**
 * Finds every gazetteer name in `text`, longest match first, left to right, in a single pass. A name that several
 * places share resolves to a place in a country the text names elsewhere, else to the better-ranked entry
 * (countries, then focus regions; a region over a town of the same name, the coarser and so the safer claim).
 * Possessives ("Pakistan's") match without the "'s".
 */
export function findPlaces(text: string): PlaceMention[] {
  trie ??= buildTrie()
  const tokens: Token[] = []
  for (const m of text.matchAll(TOKEN_RE)) tokens.push({ start: m.index, end: m.index + m[0].length, raw: m[0], norm: normToken(m[0]) })
  const found: Candidate[] = []
  let i = 0
  while (i < tokens.length) {
    let node: TrieNode | undefined = trie
    let best: Candidate | null = null
    for (let j = i; j < tokens.length && node; j++) {
      const tok = tokens[j]!
      if (j > i && !GAP_RE.test(text.slice(tokens[j - 1]!.end, tok.start))) break
      // A possessive can only end a name: try the form without "'s" as a final token.
      if (/['’]s$/.test(tok.raw)) {
        const alt = node.next.get(tok.norm.slice(0, -1))
        if (alt?.hits) {
          const ok = allowed(alt.hits, tokens, i, j)
          if (ok.length > 0) best = { start: tokens[i]!.start, end: tok.end - 2, hits: ok, lastToken: j }
        }
      }
      node = node.next.get(tok.norm)
      if (node?.block) best = { start: tokens[i]!.start, end: tok.end, hits: [], lastToken: j }
      else if (node?.hits) {
        const ok = allowed(node.hits, tokens, i, j)
        if (ok.length > 0) best = { start: tokens[i]!.start, end: tok.end, hits: ok, lastToken: j }
      }
    }
    if (best) { if (best.hits.length > 0) found.push(best); i = best.lastToken + 1 } else i++
  }
  // Countries named unambiguously in the text settle which "Punjab" or "Tripoli" is meant.
  const named = new Set<string>()
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
