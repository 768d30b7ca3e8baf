/**
 * @module Whether two named victims of one incident are one person: equal name keys are; a name given with and
 * without a middle name ("Mohammad Ali Khan", "Mohammad Khan") may be, and is taken as one only when the rest agrees.
 *
 * The shorter name's words must appear in the longer one in the same order, beginning with the same word (the given
 * name), and the shorter must have at least two words ("Khan" alone says too little). Then the two are one person
 * when what the texts say of age and sex does not differ; otherwise, or when the shorter is a single word, they are
 * "possibly the same person", for an editor to decide. Two names one report gives are two people, whatever their
 * words: a report that lists "Mohammad Ali Khan and Mohammad Khan" among the dead counts two.
 */
import type { Victim } from './victim.js'

/** What the comparison reads of a victim. */
export type ComparedVictim = Pick<Victim, 'nameKey' | 'age' | 'sex'>

/** One person, possibly one person (an editor decides), or two people. */
export type VictimRelation = 'same' | 'possibly' | 'different'

/** True when `short`'s words appear in `long` in order, starting with its first word. */
function within(short: readonly string[], long: readonly string[]): boolean {
  if (short.length === 0 || short[0] !== long[0]) return false
  let j = 0
  for (const w of long) if (j < short.length && w === short[j]) j++
  return j === short.length
}

/** How two victims of one incident named in different reports relate (see the module). */
export function compareVictims(a: ComparedVictim, b: ComparedVictim): VictimRelation {
  if (a.nameKey === b.nameKey) return 'same'
  const wa = a.nameKey.split(' ')
  const wb = b.nameKey.split(' ')
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa]
  if (short.length === long.length || !within(short, long)) return 'different'
  const agree = (a.age === null || b.age === null || a.age === b.age) && (a.sex === null || b.sex === null || a.sex === b.sex)
  return agree && short.length >= 2 ? 'same' : 'possibly'
}

/** A pair of an incident's victims who may be one person, for an editor's review. */
export interface VictimSuggestion {
  readonly victims: readonly [string, string]
  readonly reason: string
}

/**
 * The pairs of an incident's listed victims who may be one person: related names that were not taken as one (their
 * age or sex differs, the shorter is one word, or more than one record fits), unless one report names both.
 */
export function possiblySamePeople(victims: readonly (ComparedVictim & Pick<Victim, 'id' | 'name' | 'sources'>)[]): VictimSuggestion[] {
  const out: VictimSuggestion[] = []
  for (let i = 0; i < victims.length; i++) {
    for (let j = i + 1; j < victims.length; j++) {
      const a = victims[i]!, b = victims[j]!
      if (compareVictims(a, b) === 'different') continue
      const sources = new Set(a.sources.map((s) => s.sourceId))
      if (b.sources.some((s) => sources.has(s.sourceId))) continue
      out.push({ victims: [a.id, b.id], reason: `"${a.name}" and "${b.name}": one name's words are within the other's; possibly the same person` })
    }
  }
  return out
}
