/**
 * @module Deaths a sentence puts down to another kind of attack ("died in a suicide attack", "killed in clashes"):
 * a report of a strike often recalls them, and they are never the strike's own dead.
 */
import type { Token } from './tokens.js'

/** Heads of attacks that are not strikes from the air. */
const OTHER_ATTACKS = new Set(['suicide', 'ambush', 'clashes', 'gunfight', 'shootout', 'roadside', 'ied', 'car-bomb'])
/** Words that may stand between "died in" and the attack's head ("in a suspected ISIS suicide attack"). */
const BETWEEN = new Set(['a', 'an', 'the', 'suspected', 'apparent', 'twin', 'coordinated', 'deadly', 'separate', 'militant', 'insurgent', 'taliban', 'isis', 'is', 'isis-k', 'al', 'qaeda', "qaeda's", 'shabaab', 'islamic', 'state'])

/**
 * True when the figure's own clause says its dead fell in another kind of attack: "in" or "by" right after the
 * predicate (token `evTo`), then such an attack ("at least 169 Afghans died in a suspected ISIS suicide attack").
 */
export function inOtherAttack(toks: readonly Token[], evTo: number): boolean {
  let j = evTo
  if (toks[j]?.lower !== 'in' && toks[j]?.lower !== 'by') return false
  j++
  for (let n = 0; n < 4 && BETWEEN.has(toks[j]?.lower ?? ''); n++) j++
  const w = toks[j]?.lower ?? ''
  return OTHER_ATTACKS.has(w) || (w === 'car' && (toks[j + 1]?.lower ?? '').startsWith('bomb'))
}
