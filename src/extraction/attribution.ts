/**
 * @module Who asserts a sentence's figures: reported speech ("said", "declared", "told"), "according to",
 * a possessive claim ("the government's claim that"), organisations, and officials with their titles stripped.
 */
import { CASUALTY_NOUNS, CATEGORY_MODIFIERS, COMMON_SPEAKERS, MODIFIERS, ORG_WORDS, PERSON_NOUNS, REPORTING_VERBS, TITLE_WORDS } from './lexicon.js'
import { placesInPhrase } from './places.js'
import type { Token } from './tokens.js'

/** A speaker found in a sentence: a name, or a pronoun to resolve against earlier speakers. */
export type Speaker = { readonly kind: 'name'; readonly name: string; readonly person: boolean } | { readonly kind: 'pronoun'; readonly person: boolean }

const PRONOUNS: Record<string, boolean> = { he: true, she: true, it: false, they: false }
const ADVERBS = new Set(['also', 'had', 'has', 'have', 'later', 'previously', 'then', 'further', 'earlier', 'again', 'separately', 'however', 'had', 'would', 'has', 'later', 'once', 'repeatedly', 'recently', 'now', 'further'])
const JOINERS = new Set(['of', 'for', 'on', 'and', '&', 'the', 'de', 'al', 'bin', 'ul', 'ur'])
const NON_NAMES = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'but', 'and', 'however', 'meanwhile', 'according', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'its', 'his', 'her', 'their',
  'reportedly', 'last', 'earlier', 'two', 'three', 'one', 'some', 'each', 'every', 'no', 'if', 'when', 'while', 'after', 'before',
  'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'either', 'neither', 'both', 'early', 'initial', 'several',
  'many', 'most', 'all', 'up', 'at', 'more', 'about', 'around', 'nearly', 'between', 'only', 'another', 'other',
  'later', 'first', 'second', 'third', 'later', 'then', 'there', 'here', 'what', 'who', 'which', 'where', 'why', 'how',
])
const PLACES_ONLY = new Set(['pakistan', 'afghanistan', 'yemen', 'somalia', 'us', 'u.s.', 'united', 'states', 'america', 'washington', 'islamabad', 'kabul', 'syria', 'iraq', 'libya', 'waziristan', 'north', 'south', 'east', 'west'])
const POSSESSED = new Set(['claim', 'claims', 'report', 'statement', 'figures', 'figure', 'estimate', 'estimates', 'tally', 'count', 'data', 'investigation', 'research', 'findings', 'records', 'database'])
const REPORT_NOUNS = new Set(['report', 'statement', 'study', 'investigation', 'ministry', 'agency', 'spokesman', 'spokesperson', 'government', 'paper', 'newspaper', 'organisation', 'organization', 'group'])

const isCap = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.text[0] !== t.lower[0] && !NON_NAMES.has(t.lower)
const isAcronym = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.text.length >= 2 && t.text === t.text.toUpperCase()
const stripPossessive = (w: string): string => w.replace(/['’]s$/i, '')

/** Cleans a raw speaker phrase: no possessives, no leading article, single spaces. */
export function cleanName(words: readonly string[]): string {
  const ws = words.map(stripPossessive)
  while (ws.length > 0 && /^(the|a|an)$/i.test(ws[0]!)) ws.shift()
  while (ws.length > 0 && JOINERS.has(ws[ws.length - 1]!.toLowerCase())) ws.pop()
  return ws.join(' ')
}

/** Strips leading titles from a person's phrase; returns the name and whether it looked like a person. */
function nameFromRun(words: readonly string[]): { name: string; person: boolean } | null {
  const lower = words.map((w) => stripPossessive(w).toLowerCase())
  if (lower.some((w) => ORG_WORDS.has(w)) && !lower.some((w, i) => TITLE_WORDS.has(w) && i < words.length - 1 && !ORG_WORDS.has(lower[i + 1] ?? ''))) {
    return { name: cleanName(words), person: false }
  }
  let lastTitle = -1
  for (let i = 0; i < lower.length; i++) if (TITLE_WORDS.has(lower[i]!)) lastTitle = i
  const tail = words.slice(lastTitle + 1)
  if (tail.length === 0) return lower.some((w) => ORG_WORDS.has(w)) ? { name: cleanName(words), person: false } : null
  if (tail.every((w) => PLACES_ONLY.has(stripPossessive(w).toLowerCase()))) return null
  if (lower.every((w) => ORG_WORDS.has(w) || PLACES_ONLY.has(w) || JOINERS.has(w))) return { name: cleanName(words), person: false }
  return { name: cleanName(tail), person: lastTitle >= 0 || tail.length >= 2 }
}

/** The capitalised run ending at token `end` (inclusive), walking back over joiners between capitals. */
function runBack(toks: readonly Token[], end: number): string[] {
  const out: string[] = []
  let i = end
  while (i >= 0) {
    const t = toks[i]!
    if (isCap(t) || isAcronym(t)) out.unshift(t.text)
    else if (JOINERS.has(t.lower) && out.length > 0 && (isCap(toks[i - 1]) || isAcronym(toks[i - 1]))) out.unshift(t.text)
    else if (t.text === '-' && t.gap === '' && out.length > 0) out.unshift(t.text)
    else break
    i--
  }
  return joinHyphens(out)
}

/** The capitalised run starting at token `start`. */
function runForward(toks: readonly Token[], start: number): string[] {
  const out: string[] = []
  for (let i = start; i < toks.length; i++) {
    const t = toks[i]!
    if (isCap(t) || isAcronym(t) || (t.lower === 'the' && out.length === 0)) out.push(t.text)
    else if (JOINERS.has(t.lower) && out.length > 0 && (isCap(toks[i + 1]) || isAcronym(toks[i + 1]))) out.push(t.text)
    else if (TITLE_WORDS.has(t.lower) && (isCap(toks[i + 1]) || out.length > 0)) out.push(t.text)
    else break
  }
  return joinHyphens(out)
}

function joinHyphens(ws: string[]): string[] {
  const out: string[] = []
  for (const w of ws) {
    if (w === '-' && out.length > 0) out[out.length - 1] += '-'
    else if (out.length > 0 && out[out.length - 1]!.endsWith('-')) out[out.length - 1] += w
    else out.push(w)
  }
  return out
}

/** A lower-case speaker phrase ending at `end` ("local officials", "Pakistani security sources"). */
function commonSpeakerBack(toks: readonly Token[], end: number): string | null {
  const head = toks[end]
  if (head === undefined || !COMMON_SPEAKERS.has(stripPossessive(head.lower))) return null
  const ws = [stripPossessive(head.text)]
  for (let i = end - 1; i >= 0 && ws.length < 4; i--) {
    const t = toks[i]!
    if (t.kind !== 'word' || NON_NAMES.has(t.lower) || REPORTING_VERBS.has(t.lower) || PREPOSITIONS.has(t.lower)) break
    ws.unshift(stripPossessive(t.text))
  }
  return ws.join(' ')
}

/** The first organisation or person named in `toks[from, to)`. */
function firstNamed(toks: readonly Token[], from: number, to: number): Speaker | null {
  for (let i = from; i < to; i++) {
    if (!(isCap(toks[i]) || isAcronym(toks[i]))) continue
    const run = runForward(toks, i)
    const n = nameFromRun(run)
    // A place ("Shawal Valley") is where something happened, not who says so.
    const phrase = run.join(' ')
    const isPlace = placesInPhrase(phrase).some((p) => p.start === 0 && p.end >= phrase.length - 2)
    if (n && !isPlace && (!n.person || run.length >= 2)) return { kind: 'name', ...n }
    i += Math.max(0, run.length - 1)
  }
  return null
}

/** Finds who the sentence attributes its content to, or null when it speaks in the document's own voice. */
export function findSpeaker(toks: readonly Token[]): Speaker | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!
    // "according to X"
    if (t.lower === 'according' && toks[i + 1]?.lower === 'to') {
      let j = i + 2
      if (toks[j]?.lower === 'the') j++
      const run = runForward(toks, j)
      // "according to Yemeni media", "according to Pakistani officials"
      const tail = toks[j + run.length]
      if (run.length > 0 && tail !== undefined && COMMON_SPEAKERS.has(tail.lower)) return { kind: 'name', name: cleanName([...run, tail.text]), person: false }
      const n = run.length > 0 ? nameFromRun(run) : null
      if (n) return { kind: 'name', ...n }
      // lower-case speakers: "according to local officials"
      for (let k = j; k < Math.min(toks.length, j + 4); k++) {
        if (COMMON_SPEAKERS.has(toks[k]!.lower)) {
          const s = commonSpeakerBack(toks, k)
          if (s) return { kind: 'name', name: s, person: false }
        }
      }
      continue
    }
    // "the Pakistan government's claim that"
    if (t.kind === 'word' && /['’]s$/.test(t.text) && POSSESSED.has(toks[i + 1]?.lower ?? '')) {
      const base = stripPossessive(t.text)
      if (base[0] !== base[0]!.toLowerCase()) {
        const run = runBack(toks, i)
        const n = nameFromRun(run)
        if (n) return { kind: 'name', ...n }
      } else if (ORG_WORDS.has(base.toLowerCase()) || COMMON_SPEAKERS.has(base.toLowerCase())) {
        const run = runBack(toks, i - 1)
        if (run.length > 0) return { kind: 'name', name: cleanName([...run, base]), person: false }
      }
    }
    if (!REPORTING_VERBS.has(t.lower)) continue
    // "alleged militants", "reported deaths", "confirmed Taliban commander": a participle used as an adjective.
    if (t.lower.endsWith('ed') && ADJECTIVAL_NEXT(toks[i + 1])) continue
    if ((t.lower === 'reported' || t.lower === 'said' || t.lower === 'confirmed' || t.lower === 'believed') && AUX_BEFORE.has(toks[i - 1]?.lower ?? '')) continue // "were reported killed"
    // "2 'Arabs' reported among 6-7 dead", "said to have died": the verb reports a fate, not a speaker.
    if (FATE_AFTER.has(toks[i + 1]?.lower ?? '') || ((t.lower === 'said' || t.lower === 'believed') && toks[i + 1]?.lower === 'to')) continue
    // Subject right before the verb, over adverbs.
    let j = i - 1
    while (j >= 0 && (ADVERBS.has(toks[j]!.lower) || (toks[j]!.kind === 'word' && toks[j]!.lower.endsWith('ly') && toks[j]!.text[0] === toks[j]!.lower[0]))) j--
    const subj = toks[j]
    if (subj !== undefined) {
      if (PRONOUNS[subj.lower] !== undefined) return { kind: 'pronoun', person: PRONOUNS[subj.lower]! }
      if (isCap(subj) || isAcronym(subj)) {
        const n = nameFromRun(runBack(toks, j))
        if (n) return { kind: 'name', ...n }
      }
      const common = commonSpeakerBack(toks, j)
      if (common) {
        // "Pakistani officials": keep a capitalised qualifier before the common noun.
        return { kind: 'name', name: common, person: false }
      }
      if (REPORT_NOUNS.has(subj.lower) && toks[j - 1]?.lower === 'the') return { kind: 'pronoun', person: false }
    }
    // Forms that are more often nouns ("some reports suggesting") count only with a subject right before them.
    if (NOUN_LIKE.has(t.lower)) continue
    // Inverted: '…,” said Interior Minister Chaudhry Nisar Ali Khan'
    const after = toks[i + 1]
    if (after !== undefined && (isCap(after) || TITLE_WORDS.has(after.lower) || isAcronym(after))) {
      const n = nameFromRun(runForward(toks, i + 1))
      if (n) return { kind: 'name', ...n }
    }
    // Otherwise the first organisation or person before the verb ("The Amnesty International report … documented").
    const named = firstNamed(toks, 0, i)
    if (named) return named
  }
  return null
}

const PREPOSITIONS = new Set(['to', 'by', 'from', 'of', 'with', 'for', 'said', 'told', 'quoted', 'citing', 'cited'])
const ADJECTIVAL_NEXT = (n: Token | undefined): boolean =>
  n !== undefined && n.kind === 'word' && (PERSON_NOUNS.has(n.lower) || MODIFIERS.has(n.lower) || CATEGORY_MODIFIERS.has(n.lower) || CASUALTY_NOUNS.has(n.lower)) && n.lower !== 'the' && n.lower !== 'a' && n.lower !== 'an' && n.lower !== 'his' && n.lower !== 'her' && n.lower !== 'their' && n.lower !== 'its'
const FATE_AFTER = new Set(['killed', 'dead', 'among', 'missing', 'injured', 'wounded', 'died', 'hurt'])
const NOUN_LIKE = new Set(['reports', 'records', 'documents', 'counts', 'claims', 'claim', 'estimates', 'notes', 'states', 'put', 'puts', 'found', 'finds'])
const AUX_BEFORE = new Set(['were', 'was', 'are', 'is', 'been', 'be', 'being'])

/**
 * Resolves a speaker against the names already seen in the document: a shorter form of an earlier name
 * ("Ministry of Defence" after "Pakistan Ministry of Defence", "Emmerson" after "Ben Emmerson") becomes it.
 */
export function resolveName(name: string, seen: readonly string[]): string {
  const lower = name.toLowerCase()
  for (let k = seen.length - 1; k >= 0; k--) {
    const s = seen[k]!
    const sl = s.toLowerCase()
    if (sl === lower) return s
    if (sl.endsWith(' ' + lower)) return s
  }
  return name
}
