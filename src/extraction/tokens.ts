/**
 * @module Tokens, sentences and paragraphs over a source's normalised text, keeping exact offsets.
 *
 * Readers never join lines (claim spans index the text as stored), so this layer treats a single line break as a
 * space, a blank line as a paragraph break unless the next line continues the sentence in lower case (a PDF page
 * break), and an indented line after a sentence end as a new paragraph. Page furniture lines are dropped.
 */

/** One token: a word, a number, an acronym with dots, or one punctuation character. */
export interface Token {
  readonly text: string
  /** Lower case, with curly apostrophes made straight, for matching. */
  readonly lower: string
  readonly start: number
  readonly end: number
  /** The blank text between the previous token and this one ('' when adjacent). */
  readonly gap: string
  readonly kind: 'word' | 'num' | 'punct'
}

/** A sentence: a run of tokens, with its paragraph number. */
export interface Sentence {
  readonly tokens: readonly Token[]
  readonly paragraph: number
  readonly start: number
  readonly end: number
}

// Acronyms with dots ("U.S.", "a.m."), words with inner apostrophes, numbers with thousands separators or decimals,
// then any other single non-blank character.
// Words come first (the common case); an acronym is a letter followed by dotted letters.
const TOKEN_RE = /\p{L}(?:\.(?:\p{L}\.)+|[\p{L}\p{M}]*(?:['’]\p{L}+)*)|\d+(?:,\d{3})*(?:\.\d+)?|\S/gu

// Lines that are page furniture, not prose: page numbers, PDF generator stamps, copyright lines, bare URLs.
const FURNITURE_RE = /^[ \t]*(?:(?:page[ \t]+)?\d{1,4}(?:[ \t]*(?:of|\/)[ \t]*\d{1,4})?|powered by tcpdf.*|©.*|\(?https?:\/\/\S+\)?|www\.\S+|\S+\.(?:org|com|net)\/\S*)[ \t]*$/gim

const LETTER = /\p{L}/u

/** Offsets `[start, end)` of every page-furniture line in `text` (starting within `[from, to)`). */
export function furnitureRanges(text: string, from = 0, to = text.length): [number, number][] {
  const out: [number, number][] = []
  FURNITURE_RE.lastIndex = from
  for (let m = FURNITURE_RE.exec(text); m !== null && m.index < to; m = FURNITURE_RE.exec(text)) {
    if (m[0].length === 0) {
      FURNITURE_RE.lastIndex++
      continue
    }
    out.push([m.index, m.index + m[0].length])
  }
  return out
}

/**
 * Splits `text` (or its part `[from, to)`, cut where paragraphChunks cuts) into tokens with offsets into `text`,
 * skipping tokens on page-furniture lines.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const furniture = text.length < 4 ? [] : furnitureRanges(text, from, to)
  let f = 0
  const out: Token[] = []
  let prevEnd = from
  TOKEN_RE.lastIndex = from
  for (let m = TOKEN_RE.exec(text); m !== null && m.index < to; m = TOKEN_RE.exec(text)) {
    const start = m.index
    const end = start + m[0].length
    while (f < furniture.length && furniture[f]![1] <= start) f++
    if (f < furniture.length && furniture[f]![0] <= start) continue
    const s = m[0]
    const c = s.charCodeAt(0)
    const kind = c >= 48 && c <= 57 ? 'num' : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && LETTER.test(s[0]!)) ? 'word' : 'punct'
    const lower = kind === 'word' ? s.toLowerCase() : s
    // Most gaps are nothing or one space: share those strings instead of slicing a new one per token.
    const gap = start === prevEnd ? '' : start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32 ? ' ' : text.slice(prevEnd, start)
    out.push({ text: s, lower: lower.includes('’') ? lower.replace(/’/g, "'") : lower, start, end, gap, kind })
    prevEnd = end
  }
  return out
}

const FURNITURE_LINE = new RegExp(FURNITURE_RE.source, 'i')
const BLANK_LINE = /\n[ \t]*\n\s*/g

/**
 * Offsets `[from, to)` cutting `text` into parts of about `size` characters or more, each cut at a paragraph break
 * that splitSentences makes anyway (before a blank line and a line starting with a capital letter that is not page
 * furniture), so that each part tokenized and split alone gives the tokens and sentences of the whole. Extraction
 * works part by part, so a text of 50 MB never has all its tokens in memory at once.
 */
export function paragraphChunks(text: string, size: number): [number, number][] {
  const out: [number, number][] = []
  let from = 0
  while (text.length - from > size) {
    let cut = -1
    BLANK_LINE.lastIndex = from + size
    for (let m = BLANK_LINE.exec(text); m !== null; m = BLANK_LINE.exec(text)) {
      const next = m.index + m[0].length
      const c = text[next]
      if (c === undefined) break
      if (c === c.toLowerCase()) continue
      const lineEnd = text.indexOf('\n', next)
      if (FURNITURE_LINE.test(text.slice(next, lineEnd < 0 ? text.length : lineEnd))) continue
      // The cut goes before all the blank text, so the next part's first token keeps its whole gap.
      cut = m.index
      while (cut > from && /\s/.test(text[cut - 1]!)) cut--
      if (cut > from) break
      cut = -1
    }
    if (cut < 0) break
    out.push([from, cut])
    from = cut
  }
  out.push([from, text.length])
  return out
}

const SENTENCE_END = new Set(['.', '!', '?', '…'])
const CLOSERS = new Set(['”', '"', '’', "'", ')', ']', '»'])
// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'capt', 'sgt', 'maj', 'brig', 'gov', 'sen', 'rep', 'st', 'no', 'vs', 'etc',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'prof', 'rev', 'approx', 'est', 'fig',
])

const isUpperStart = (t: Token): boolean => t.kind === 'num' || (t.kind === 'word' && t.text[0] !== t.lower[0]) || t.text === '“' || t.text === '"'

function paragraphBreakBefore(prev: Token, t: Token): boolean {
  const gap = t.gap
  if (!gap.includes('\n')) return false
  const ended = SENTENCE_END.has(prev.text) || CLOSERS.has(prev.text) || prev.text === ':'
  if (/\n[ \t]*\n/.test(gap)) {
    // A blank line before lower-case text is a page break inside a sentence.
    if (t.kind === 'word' && t.text[0] === t.lower[0]) return false
    return true
  }
  // An indented line after a sentence end starts a paragraph (the layout of PDFs and plain-text mail).
  return ended && /\n[ \t\u00a0]+$/.test(gap) && isUpperStart(t)
}

const OPENERS = new Set(['“', '"', '‘'])
const SPEECH_BEFORE = new Set([',', ':', 'said', 'says', 'asked', 'asks', 'added', 'wrote', 'told', 'declared'])
/** True when the sentence's last open quotation is a title inside the sentence ("the report “Will I be Next?” says"). */
function quotedTitle(cur: readonly Token[]): boolean {
  for (let k = cur.length - 1; k > 0; k--) {
    if (!OPENERS.has(cur[k]!.text)) continue
    const before = cur[k - 1]!
    return before.kind === 'word' && !SPEECH_BEFORE.has(before.lower)
  }
  return false
}

/**
 * Longest sentence, in tokens. Prose never comes near it; text with no full stops (a table dumped from a PDF, a
 * pasted list) would otherwise be one sentence, and the rules look back and forth within a sentence.
 */
export const MAX_SENTENCE_TOKENS = 1000

/** True when a reference marker ("[2]", "[note 4]" is not one) starts, glued, at token `i`. */
export function isReferenceAt(tokens: readonly Token[], i: number): boolean {
  return tokens[i]?.text === '[' && tokens[i].gap === '' && tokens[i + 1]?.kind === 'num' && tokens[i + 2]?.text === ']'
}

/** Groups tokens into sentences, numbering paragraphs; a run longer than MAX_SENTENCE_TOKENS is cut there. */
export function splitSentences(tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = []
  let paragraph = 0
  let cur: Token[] = []
  const flush = (): void => {
    if (cur.length > 0) out.push({ tokens: cur, paragraph, start: cur[0]!.start, end: cur[cur.length - 1]!.end })
    cur = []
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const prev = tokens[i - 1]
    if (prev !== undefined && paragraphBreakBefore(prev, t)) {
      flush()
      paragraph++
    }
    cur.push(t)
    if (cur.length >= MAX_SENTENCE_TOKENS) {
      flush()
      continue
    }
    if (!SENTENCE_END.has(t.text)) continue
    // Keep closing quotes and brackets with the sentence they close.
    while (i + 1 < tokens.length && CLOSERS.has(tokens[i + 1]!.text) && tokens[i + 1]!.gap === '') cur.push(tokens[++i]!)
    // Reference markers after the full stop ("killed.[2][3]") belong to the sentence they annotate.
    while (isReferenceAt(tokens, i + 1)) {
      cur.push(tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!)
      i += 3
    }
    const next = tokens[i + 1]
    if (next === undefined) continue
    if ((t.text === '?' || t.text === '!') && cur[cur.length - 1] !== t && quotedTitle(cur)) continue
    if (t.text === '.') {
      const before = tokens[i - 1]
      if (before !== undefined && before.gap !== undefined && cur.length >= 2) {
        const b = cur[cur.length - 2]
        if (b !== undefined && b.kind === 'word' && (ABBREVIATIONS.has(b.lower) || (b.text.length === 1 && b.text !== b.lower))) continue
      }
      if (next.gap === '') continue // "wsws.org", "2.5" split oddly: not a sentence end
    }
    if (isUpperStart(next) || next.kind === 'punct') flush()
  }
  flush()
  return out
}
