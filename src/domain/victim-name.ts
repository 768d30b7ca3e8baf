/**
 * @module The key a victim's name is compared by, so that one person named by two reports in two transliterations
 * ("Mohammed Hussein", "Muhammad Husain") is one victim, while two people who share a first name stay two.
 *
 * The key keeps every word of the name, in order: only spellings of the same word are made equal. Reordering words
 * is unsafe in general ("Ali Hassan" and "Hassan Ali" are different people), so the one reordering made is of the
 * written inversion "Surname, Given names". A name given with and without a middle name ("Mohammad Khan", "Mohammad
 * Ali Khan") gives two keys: victim-match.ts decides when those are one person. Known limit: vowel folding makes a few
 * distinct names equal (Hamed and Hamad).
 */

/** Titles and honorifics that are not part of a person's name ("Haji Gul Khan" is Gul Khan). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'haji', 'hajji', 'alhaj', 'alhaji', 'maulana', 'mawlana', 'maulvi', 'mawlawi', 'mullah', 'mulla'])

/** The Arabic article and its assimilated forms ("al-", "el-", "ur-", "ash-"), dropped before another word. */
const ARTICLES = new Set(['al', 'el', 'ul', 'ud', 'ur', 'us', 'ad', 'ar', 'as', 'ash', 'an', 'az', 'adh', 'at', 'ath', 'ud'])

/** "Abd" written with its article ("Abdul", "Abdel", "Abdur") or joined to the next word ("Abdulrahman"). */
const ABD_PREFIXES = ['abdul', 'abdel', 'abdal', 'abdur', 'abdus', 'abdir', 'abdi', 'abd']

/** Spellings of "son of". */
const SON_OF = new Set(['bin', 'ibn', 'ben', 'bn'])

/** One word reduced to what its transliterations share. */
function foldWord(w: string): string {
  let s = w
  s = s.replace(/ph/g, 'f').replace(/q/g, 'k')
  // Long vowels as English spells them: Youssouf, Saeed, Hamood.
  s = s.replace(/ou/g, 'u').replace(/oo/g, 'u').replace(/ee/g, 'i')
  // Vowel quality is what transliterations disagree on most (Mohammed/Muhammad, Osama/Usama, Ahmed/Ahmad).
  s = s.replace(/o/g, 'u').replace(/e/g, 'a')
  // Diphthongs: Husain, Hussein, Husayn.
  s = s.replace(/a[iy](?=[^aeiou]|$)/g, 'ai')
  s = s.replace(/([^aeiou])y$/, '$1i')
  // Doubled letters (Hassan/Hasan, Mohammad/Mohamad) and a final h after a vowel (Fatimah/Fatima, Abdullah/Abdulla).
  s = s.replace(/(.)\1+/g, '$1')
  if (s.length > 2) s = s.replace(/([aiu])h$/, '$1')
  return s
}

/** The words of a name: lowercased, without diacritics, apostrophes (Sa'id), or other punctuation. */
function words(name: string): string[] {
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  // Letters for ʿayn and hamza, and apostrophes, are dropped: Sa'id, Saʿid and Said are one spelling.
  s = s.replace(/['’‘`ʿʾʼ]/g, '')
  const comma = s.split(',').map((p) => p.trim())
  // "Mehsud, Baitullah": the written inversion of a surname, put back in the order the name is said.
  if (comma.length === 2 && comma[0] !== '' && comma[1] !== '' && !/\d/.test(s)) s = `${comma[1]} ${comma[0]}`
  return s.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
}

/**
 * The key two mentions of a name are compared by: equal keys are taken to be one person within one incident.
 * @example victimNameKey('Muhammad Husain') === victimNameKey('Mohammed Hussein') // true
 */
export function victimNameKey(name: string): string {
  const ws = words(name).filter((w) => !TITLES.has(w))
  const out: string[] = []
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!
    if (ARTICLES.has(w) && i < ws.length - 1) continue
    if (SON_OF.has(w)) {
      out.push('bin')
      continue
    }
    // "Abdi" and "Abd" alone are names of their own; joined forms need a word after the prefix ("Abdulla" is Abd Allah).
    const abd = ABD_PREFIXES.find((p) => w.startsWith(p) && (w === p ? p !== 'abdi' : w.length - p.length >= (p.length === 5 ? 2 : 3)))
    if (abd !== undefined) {
      out.push('abd')
      const rest = w.slice(abd.length)
      if (rest !== '') out.push(foldWord(rest))
      continue
    }
    out.push(foldWord(w))
  }
  return out.join(' ')
}
