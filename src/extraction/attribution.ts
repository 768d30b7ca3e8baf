/**
 * @module Who asserts a sentence's figures: reported speech ("said", "declared", "told"), "according to",
 * a possessive claim ("the government's claim that"), organisations, and officials with their titles stripped.
 */
import { CASUALTY_NOUNS, CATEGORY_MODIFIERS, COMMON_SPEAKERS, MODIFIERS, ORG_WORDS, PERSON_NOUNS, REPORTING_VERBS, TITLE_WORDS } from './lexicon.js'
import { isNumberWord } from './numbers.js'
import { placesInPhrase } from './places.js'
import type { Token } from './tokens.js'

/**
 * A speaker found in a sentence: a name, a pronoun to resolve against earlier speakers, or a definite noun ("the
 * official", "the same official", "the team") that names an earlier speaker again.
 */
export type Speaker =
  | { readonly kind: 'name'; readonly name: string; readonly person: boolean; readonly plural?: boolean }
  | { readonly kind: 'pronoun'; readonly person: boolean; readonly plural?: boolean }
  | { readonly kind: 'definite'; readonly head: string; readonly person: boolean }

/** A speaker and the token index of the cue that introduces it ("said", "according"), for clause-by-clause attribution. */
export interface FoundSpeaker {
  readonly speaker: Speaker
  readonly at: number
}

const PRONOUNS: Record<string, boolean> = { he: true, she: true, it: false, they: false }
const ADVERBS = new Set(['both', 'each', 'all', 'jointly', 'also', 'had', 'has', 'have', 'later', 'previously', 'then', 'further', 'earlier', 'again', 'separately', 'however', 'had', 'would', 'has', 'later', 'once', 'repeatedly', 'recently', 'now', 'further'])
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

const isCap = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.text[0] !== t.lower[0] && !NON_NAMES.has(t.lower) && !isNumberWord(t.lower)
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
  return findSpeakers(toks)[0]?.speaker ?? null
}

/**
 * Every speaker of a sentence, in text order, each with the index of its cue, so that "AP reported 13 dead;
 * Reuters said 15 died" gives each clause its own outlet. A dateline ("KABUL (Reuters) —") is skipped: the wire
 * that filed the story is not who speaks in it.
 */
export function findSpeakers(toks: readonly Token[]): FoundSpeaker[] {
  const out: FoundSpeaker[] = []
  const from = datelineEnd(toks)?.end ?? 0
  for (let i = from; i < toks.length; i++) {
    const sp = speakerAt(toks, i, from)
    if (sp !== null) out.push({ speaker: sp, at: i })
  }
  return out
}

/** A dateline opening a sentence ("KABUL (Reuters) —", "SANAA, Yemen (AP) -"): the index after it and its wire credit. */
export function datelineEnd(toks: readonly Token[]): { end: number; credit: string | null } | null {
  let k = 0
  // The place: words in capitals, with a ", Country" after them.
  while (k < toks.length && toks[k]!.kind === 'word' && toks[k]!.text.length > 1 && toks[k]!.text === toks[k]!.text.toUpperCase()) k++
  if (k === 0) return null
  while (toks[k]?.text === ',' && isCap(toks[k + 1])) {
    k += 2
    while (isCap(toks[k])) k++
  }
  let credit: string | null = null
  if (toks[k]?.text === '(') {
    const close = toks.findIndex((t, n) => n > k && t.text === ')')
    if (close < 0 || close > k + 5) return null
    credit = toks.slice(k + 1, close).map((t) => t.text).join(' ')
    k = close + 1
  }
  const dash = toks[k]?.text
  if (dash !== '-' && dash !== '—' && dash !== '–' && dash !== ':') return null
  return { end: k + 1, credit }
}

/** The speaker a cue at token `i` introduces, or null when `i` is not a cue. */
function speakerAt(toks: readonly Token[], i: number, from: number): Speaker | null {
  const t = toks[i]!
  // Most tokens are no cue: one set lookup and two character tests settle them.
  const possessive = t.lower.endsWith("'s")
  if (t.lower !== 'according' && !possessive && !REPORTING_VERBS.has(t.lower)) return null
  // "according to X", "according to the same official"
  if (t.lower === 'according' && toks[i + 1]?.lower === 'to') {
    let j = i + 2
    const definite = toks[j]?.lower === 'the'
    if (definite) j++
    // "according to his brother Romal Ahmadi": the name after a relation.
    if (POSSESSIVES.has(toks[j]?.lower ?? '')) {
      let k = j + 1
      while (k < j + 3 && toks[k]?.kind === 'word' && toks[k]!.text === toks[k]!.lower) k++
      if (isCap(toks[k])) j = k
    }
    if (toks[j]?.lower === 'same' && COMMON_SPEAKERS.has(toks[j + 1]?.lower ?? '')) return { kind: 'definite', head: toks[j + 1]!.lower, person: PERSON_HEADS.has(toks[j + 1]!.lower) }
    const run = runForward(toks, j)
    // "according to Yemeni media", "according to Pakistani officials"
    const tail = toks[j + run.length]
    if (run.length > 0 && tail !== undefined && COMMON_SPEAKERS.has(tail.lower)) return { kind: 'name', name: cleanName([...run, tail.text]), person: false }
    const n = run.length > 0 ? nameFromRun(run) : null
    if (n) return { kind: 'name', ...n }
    // lower-case speakers: "according to local officials"
    for (let k = j; k < Math.min(toks.length, j + 4); k++) {
      if (COMMON_SPEAKERS.has(toks[k]!.lower)) {
        if (definite && k === j) return { kind: 'definite', head: toks[k]!.lower, person: PERSON_HEADS.has(toks[k]!.lower) }
        const s = commonSpeakerBack(toks, k)
        if (s) return { kind: 'name', name: s, person: false, plural: toks[k]!.lower.endsWith('s') }
      }
    }
    return null
  }
  // "the Pakistan government's claim that"
  if (t.kind === 'word' && possessive && POSSESSED.has(toks[i + 1]?.lower ?? '')) {
    const base = stripPossessive(t.text)
    if (base[0] !== base[0]!.toLowerCase()) {
      const run = runBack(toks, i)
      const n = nameFromRun(run)
      if (n) return { kind: 'name', ...n }
    } else if (ORG_WORDS.has(base.toLowerCase()) || COMMON_SPEAKERS.has(base.toLowerCase())) {
      const run = runBack(toks, i - 1)
      if (run.length > 0) return { kind: 'name', name: cleanName([...run, base]), person: false }
    }
    return null
  }
  if (!REPORTING_VERBS.has(t.lower)) return null
  // "alleged militants", "reported deaths", "confirmed Taliban commander": a participle used as an adjective.
  if (t.lower.endsWith('ed') && ADJECTIVAL_NEXT(toks[i + 1])) return null
  if ((t.lower === 'reported' || t.lower === 'said' || t.lower === 'confirmed' || t.lower === 'believed') && AUX_BEFORE.has(toks[i - 1]?.lower ?? '')) return null // "were reported killed"
  // "2 'Arabs' reported among 6-7 dead", "said to have died": the verb reports a fate, not a speaker.
  if (FATE_AFTER.has(toks[i + 1]?.lower ?? '') || ((t.lower === 'said' || t.lower === 'believed') && toks[i + 1]?.lower === 'to')) return null
  // "put the number of dead at 35": a verb of estimating, with its subject right before it.
  if (t.lower === 'put' || t.lower === 'puts' || t.lower === 'putting') {
    if (!ESTIMATE_OBJECT.has(toks[i + 1]?.lower ?? '') && !ESTIMATE_OBJECT.has(toks[i + 2]?.lower ?? '')) return null
  }
  // Subject right before the verb, over adverbs ("both", "also", "later").
  let j = i - 1
  while (j >= from && (ADVERBS.has(toks[j]!.lower) || (toks[j]!.kind === 'word' && toks[j]!.lower.endsWith('ly') && toks[j]!.text[0] === toks[j]!.lower[0]))) j--
  // "…, which has maintained that": a relative clause speaks for the noun phrase it hangs on.
  if (toks[j]?.lower === 'which' || toks[j]?.lower === 'who') {
    const k = toks[j - 1]?.text === ',' ? j - 2 : j - 1
    const head = k >= from ? subjectBack(toks, k, from) : null
    if (head !== null) return head
    // "a government commission sent from Kabul to investigate the bombing, which put …": the head noun further back.
    for (let b = k - 1; b >= Math.max(from, k - 10); b--) {
      if (toks[b]!.kind !== 'word') break
      const p = phraseBack(toks, b, from)
      if (p !== null && p.speaker.kind === 'name') return p.speaker
    }
  }
  if (j >= from) {
    const subj = toks[j]!
    if (PRONOUNS[subj.lower] !== undefined) return { kind: 'pronoun', person: PRONOUNS[subj.lower]!, plural: subj.lower === 'they' }
    const head = subjectBack(toks, j, from)
    if (head !== null) return head
    if (REPORT_NOUNS.has(subj.lower) && toks[j - 1]?.lower === 'the') return { kind: 'pronoun', person: false }
  }
  // Forms that are more often nouns ("some reports suggesting") count only with a subject right before them.
  if (NOUN_LIKE.has(t.lower)) return null
  // "told Reuters", "informed the BBC": whoever comes after is the listener, never the speaker.
  if (LISTENER_VERBS.has(t.lower)) return null
  // Inverted: '…,” said Interior Minister Chaudhry Nisar Ali Khan', '…, said the Observatory', '…, said a local official'.
  let a = i + 1
  if (toks[a]?.lower === 'the') a++
  const after = toks[a]
  if (after !== undefined && (isCap(after) || TITLE_WORDS.has(after.lower) || isAcronym(after))) {
    const n = nameFromRun(runForward(toks, a))
    if (n) return { kind: 'name', ...n }
  }
  const common = commonForward(toks, i + 1)
  if (common !== null) return common
  // Otherwise the first organisation or person before the verb ("The Amnesty International report … documented").
  return firstNamed(toks, from, i)
}

/**
 * A person named as the subject at the start of a sentence ("Mahad Dhore, a lawmaker, gave Reuters the names"):
 * someone a later "he" or "she" may stand for, though no reporting verb made them a speaker.
 */
export function subjectPerson(toks: readonly Token[]): string | null {
  const from = datelineEnd(toks)?.end ?? 0
  const run = runForward(toks, from)
  if (run.length < 2 || run[0]!.toLowerCase() === 'the') return null
  const n = nameFromRun(run)
  const phrase = run.join(' ')
  if (n === null || !n.person || placesInPhrase(phrase).some((p) => p.start === 0)) return null
  return n.name
}

/** True when capitalised words name a person ("Gul Rahman", "Abdifatah Farhan Mohamud"): two or more words, no title or organisation word, not a place. */
export function isPersonName(words: readonly string[]): boolean {
  if (words.length < 2) return false
  const lower = words.map((w) => w.toLowerCase())
  if (lower.some((w) => ORG_WORDS.has(w) || TITLE_WORDS.has(w) || PLACES_ONLY.has(w) || NON_NAMES.has(w) || COMMON_SPEAKERS.has(w) || REPORTING_VERBS.has(w))) return false
  const phrase = words.join(' ')
  return !placesInPhrase(phrase).some((p) => p.end - p.start >= phrase.length / 2)
}

/** Person heads of speaker phrases: "the official added" names a person, "the ministry said" does not. */
const PERSON_HEADS = new Set(['official', 'spokesman', 'spokesperson', 'spokeswoman', 'resident', 'villager', 'witness', 'eyewitness', 'doctor', 'medic', 'elder', 'commander', 'officer', 'relative', 'journalist', 'reporter', 'governor', 'lawmaker', 'guard', 'director', 'source', 'survivor', 'teacher', 'chief', 'father', 'mother', 'brother', 'man', 'woman'])
const POSSESSIVES = new Set(['his', 'her', 'their', 'its'])
const LISTENER_VERBS = new Set(['told', 'tells', 'informed'])
const ESTIMATE_OBJECT = new Set(['the', 'toll', 'number', 'casualties', 'dead', 'death', 'deaths', 'figure', 'total', 'its', 'their'])
const DETERMINERS = new Set(['a', 'an', 'the', 'one', 'two', 'three', 'several', 'some', 'many', 'other', 'his', 'her', 'their'])

/**
 * The speaker phrase ending at token `j` (a capitalised name, "local officials", "a hospital security guard"), with
 * joint speakers ("a village elder and a hospital guard") and a trailing "of …" phrase ("a relative of one victim").
 */
function subjectBack(toks: readonly Token[], j: number, from: number): Speaker | null {
  let one = phraseBack(toks, j, from)
  // "a spokesman for the governor said", "a relative of one victim said": the speaker is the head before the phrase.
  if (one === null || PHRASE_LINKS.has(toks[one.start - 1]?.lower ?? '') || (toks[one.start - 1]?.lower === 'the' && PHRASE_LINKS.has(toks[one.start - 2]?.lower ?? ''))) {
    one = phraseBeforeOf(toks, j, from) ?? one
  }
  if (one === null) return null
  // "A and B both told reporters": both speak.
  let s = one.start
  while (DETERMINERS.has(toks[s - 1]?.lower ?? '') && s - 1 >= from) s--
  if ((toks[s - 1]?.lower === 'and' || toks[s - 1]?.text === '&') && s - 2 >= from) {
    const other = phraseBack(toks, s - 2, from)
    if (other !== null && other.speaker.kind === 'name' && one.speaker.kind === 'name') {
      return { kind: 'name', name: `${other.speaker.name} and ${one.speaker.name}`, person: false, plural: true }
    }
  }
  return one.speaker
}

/** One speaker phrase ending at `j`, and where it starts. */
function phraseBack(toks: readonly Token[], j: number, from: number): { speaker: Speaker; start: number } | null {
  const subj = toks[j]
  if (subj === undefined) return null
  // "Residents said": a common speaker at the start of a sentence is still a common noun (plural, not a name).
  const single = isCap(subj) && !isCap(toks[j - 1]) && COMMON_SPEAKERS.has(subj.lower)
  if ((isCap(subj) || isAcronym(subj)) && !single) {
    const run = runBack(toks, j)
    const n = nameFromRun(run)
    if (n) return { speaker: { kind: 'name', ...n }, start: Math.max(from, j - countTokens(run) + 1) }
  }
  const common = commonSpeakerBack(toks, j)
  if (common === null) return null
  const words = common.split(' ').length
  const start = j - words + 1
  const head = stripPossessive(subj.lower)
  // "the official added", "the team reported": an earlier speaker named again.
  if (words === 1 && (toks[start - 1]?.lower === 'the' || (toks[start - 1]?.lower === 'same' && toks[start - 2]?.lower === 'the'))) {
    return { speaker: { kind: 'definite', head, person: PERSON_HEADS.has(head) }, start }
  }
  return { speaker: { kind: 'name', name: common, person: PERSON_HEADS.has(head), plural: head.endsWith('s') && !PERSON_HEADS.has(head) }, start }
}

/** "a relative of one victim said", "a spokesman for the ministry said": the speaker before the "of"/"for" phrase. */
function phraseBeforeOf(toks: readonly Token[], j: number, from: number): { speaker: Speaker; start: number } | null {
  if (toks[j]?.kind !== 'word') return null
  for (let k = j - 1; k >= Math.max(from + 1, j - 5); k--) {
    const w = toks[k]!
    if (w.kind !== 'word') return null
    if (PHRASE_LINKS.has(w.lower)) {
      const p = phraseBack(toks, k - 1, from)
      return p !== null && p.speaker.kind === 'name' ? p : null
    }
  }
  return null
}

const PHRASE_LINKS = new Set(['of', 'for', 'from', 'in'])

/** Tokens a joined run covers ("Al-Jazeera" is three tokens). */
function countTokens(run: readonly string[]): number {
  let n = 0
  for (const w of run) n += w.split(/(?=-)|(?<=-)/).length
  return n
}

/** A lower-case speaker phrase after an inverted verb: "said a local official", "said hospital sources". */
function commonForward(toks: readonly Token[], start: number): Speaker | null {
  let k = start
  while (DETERMINERS.has(toks[k]?.lower ?? '')) k++
  let head = -1
  for (let e = k; e < Math.min(toks.length, k + 5); e++) {
    const t = toks[e]!
    if (t.kind !== 'word' || NON_NAMES.has(t.lower)) break
    // The longest phrase: "the provincial police chief", not "the provincial police".
    if (COMMON_SPEAKERS.has(t.lower) || (head >= 0 && TITLE_WORDS.has(t.lower))) head = e
    else if (head >= 0) break
  }
  if (head < 0) return null
  const w = toks[head]!.lower
  const name = toks.slice(k, head + 1).map((x) => x.text).join(' ')
  return { kind: 'name', name, person: PERSON_HEADS.has(w), plural: w.endsWith('s') && !PERSON_HEADS.has(w) }
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
