/** @module Casualty rules, attribution, scope and dates, on sentences in the style of real reports. */
import { describe, expect, it } from 'vitest'
import type { ClaimDraft } from '../domain/claim.js'
import { extract, summarise } from './index.js'

const figs = (text: string, published: string | null = '2013-11-04'): [string, string, number | null, number | null][] =>
  extract(text, { published }).claims.map((c) => [c.measure, c.category, c.min, c.max])
const only = (text: string, published: string | null = '2013-11-04'): ClaimDraft => {
  const cs = extract(text, { published }).claims.filter((c) => c.measure !== 'strikes')
  expect(cs).toHaveLength(1)
  return cs[0]!
}

describe('casualty patterns', () => {
  it.each([
    ['A drone strike killed at least eight people in North Waziristan.', [['killed', 'total', 8, null]]],
    ['18 labourers were killed in the attack.', [['killed', 'civilians', 18, 18]]],
    ['Missiles hit a house, killing 4 people and injuring 2 others.', [['killed', 'total', 4, 4], ['injured', 'total', 2, 2]]],
    ['Three women and four children were killed.', [['killed', 'women', 3, 3], ['killed', 'children', 4, 4]]],
    ['The strike killed 8 people, including 3 young girls.', [['killed', 'total', 8, 8], ['killed', 'children', 3, 3]]],
    ['4-8 killed, 9 injured in an attack on a compound.', [['killed', 'total', 4, 8], ['injured', 'total', 9, 9]]],
    ['Eight people, many thought to be farmers, were killed.', [['killed', 'total', 8, 8]]],
    ['The death toll rose to 12 on Monday.', [['killed', 'total', 12, 12]]],
    ['The attack killed none but injured four.', [['killed', 'total', 0, 0], ['injured', 'total', 4, 4]]],
    ['No one was killed in the strike.', [['killed', 'total', 0, 0]]],
    ['Officials said there were no civilian deaths.', [['killed', 'civilians', 0, 0]]],
    ['A predator drone hit a house, wounding a woman and 3 kids.', [['injured', 'women', 1, 1], ['injured', 'children', 3, 3]]],
    // All the dead militants: the document's whole account, so an implied 0 civilians beside the 5.
    ['Five alleged militants were killed.', [['killed', 'militants', 5, 5], ['killed', 'civilians', 0, 0]]],
    // Some of the dead named as fighters, or a label kept in quotation marks: no account of all the dead.
    ['A commander and several foreign fighters were reported killed.', [['killed', 'militants', 1, 1], ['killed', 'militants', 3, 9]]],
    ['The missiles hit a compound, killing 11 "militants."', [['killed', 'militants', 11, 11]]],
    ['Two soldiers died and dozens of villagers were hurt.', [['killed', 'security', 2, 2], ['injured', 'civilians', 24, 99]]],
    ['A 12-year-old boy was killed.', [['killed', 'children', 1, 1]]],
    ['His wife was killed and three were seriously wounded.', [['killed', 'civilians', 1, 1], ['injured', 'total', 3, 3]]],
    ["3 Uzbek nationals and 2 'Arabs' were reported among 6-7 dead.", [['killed', 'unknown', 3, 3], ['killed', 'unknown', 2, 2], ['killed', 'total', 6, 7]]],
  ] as const)('%s', (text, want) => {
    expect(figs(text)).toEqual(want)
  })

  it.each([
    'The drone war began in 2004 and by 2012 it had expanded.',
    'A three-member delegation met the Taliban on October 24.',
    'The party became the third largest in parliament.',
    'The strike happened at 10pm, 20 miles from the border.',
    'The US spent $5 million on 3 drones in 2011.',
    'He was 45 years old when he was killed.',
    'Two missiles hit a house in the 1980s.',
    'Police said 2 suspects were arrested.',
  ])('finds no casualty figure in "%s"', (text) => {
    expect(figs(text).filter(([m]) => m !== 'strikes')).toEqual([])
  })

  it('counts attacks as strikes, never as deaths', () => {
    expect(figs('There were 59 drone attacks in 2012.')).toEqual([['strikes', 'total', 59, 59]])
  })

  it('keeps an active verb from counting its subject ("5 militants killed 3 soldiers")', () => {
    expect(figs('5 militants killed 3 soldiers.')).toEqual([['killed', 'security', 3, 3]])
  })
})

describe('attribution', () => {
  it('takes the subject of "said", stripping titles', () => {
    expect(only('Interior Minister Chaudhry Nisar Ali Khan said 12 civilians were killed.').claimant).toBe('Chaudhry Nisar Ali Khan')
  })
  it('takes the speaker after an inverted "said"', () => {
    expect(only('“Twelve civilians were killed,” said Information Minister Pervez Rashid.').claimant).toBe('Pervez Rashid')
  })
  it('reads "according to" and lower-case speakers', () => {
    expect(only('Five people were killed, according to local officials.').claimant).toBe('local officials')
    expect(only('According to Amnesty International, 19 civilians were killed.').claimant).toBe('Amnesty International')
  })
  it('gives a zero its speaker, a pronoun resolved to the last person who spoke', () => {
    const text = 'The camp was run by a cleric, the army spokesman Colonel Tariq Mehmood said.\n\nSome 60 men were in the hall at dawn. No women or children were present, he said.'
    const zeros = extract(text, { published: '2013-11-04' }).claims.filter((c) => c.zero === 'explicit')
    expect(zeros.map((c) => [c.category, c.claimant])).toEqual([['children', 'Tariq Mehmood'], ['women', 'Tariq Mehmood']])
  })
  it('carries a speaker through the rest of the paragraph, and not into the next', () => {
    const text = 'Amnesty International documented the attack. In it 18 labourers were killed.\n\nA second strike killed 4 people.'
    const cs = extract(text, { published: null }).claims.filter((c) => c.measure === 'killed')
    expect(cs.map((c) => c.claimant)).toEqual(['Amnesty International', null])
  })
  it('resolves a later short name to the earlier full one', () => {
    const text = "Pakistan's Ministry of Defence reported figures. The Ministry of Defence also said 5 civilians were killed."
    expect(only(text).claimant).toBe('Pakistan Ministry of Defence')
  })
  it('quotes each speaker by its own clause when two speak in one sentence, and the sentence otherwise', () => {
    const text = 'A provincial spokesman said four fighters died in the raid, while villagers insisted two of the dead were farmers.'
    const cs = extract(text, { published: '2014-02-03' }).claims.filter((c) => c.min !== 0)
    const by = new Map(cs.map((c) => [c.claimant, c]))
    expect(by.get('provincial spokesman')?.quote).toBe('A provincial spokesman said four fighters died in the raid')
    const villagers = cs.find((c) => c.claimant === 'villagers')!
    expect(villagers.quote).toBe('while villagers insisted two of the dead were farmers.')
    expect(text.slice(villagers.span.start, villagers.span.end)).toBe(villagers.quote)
    const one = extract('Police said six people were killed in the blast.', { published: '2014-02-03' }).claims[0]!
    expect(one.quote).toBe('Police said six people were killed in the blast.')
  })

  it('uses the document voice when nobody is quoted', () => {
    expect(only('A US drone killed 4 people.').claimant).toBeNull()
  })
})

describe('scope and dates', () => {
  it('resolves weekdays against the publication date', () => {
    const c = only('Two drone attacks Thursday and Friday killed at least eight people.')
    expect([c.period.start, c.period.end, c.scope, c.incidents]).toEqual(['2013-10-31', '2013-11-01', 'incident', 2])
  })
  it('marks totals since a year as aggregate', () => {
    const c = only('Only 67 civilians were killed since 2008.')
    expect([c.scope, c.period.start]).toEqual(['aggregate', '2008-01-01'])
  })
  it('reads "since January 2012" and "in 2012 and 2013"', () => {
    expect(only('No civilian has been killed since January 2012.').period.start).toBe('2012-01-01')
    const c = only('In 2012 and 2013, 319 militants were killed.')
    expect([c.period.start, c.period.end]).toEqual(['2012-01-01', '2013-12-31'])
  })
  it('reads "last month" as the month before publication', () => {
    const c = only('Last month 9 people were killed in a strike.')
    expect([c.period.start, c.period.end]).toEqual(['2013-10-01', '2013-10-31'])
  })
  it('keeps a date unresolved without a publication date, and says so', () => {
    const r = extract('A strike on Thursday killed 3 people.')
    expect(r.claims[0]!.period).toMatchObject({ start: null, end: null, resolved: false, text: 'Thursday' })
    expect(r.notes).toEqual(['dates unresolved: no publication date'])
  })
  it('ignores the date of a statement', () => {
    expect(only('Emmerson said in his report last month at least 400 civilians died in drone attacks.').period.start).toBeNull()
  })
})

describe('PDF text', () => {
  it('reads figures across line breaks and page breaks, ignoring furniture', () => {
    const text = 'The Ministry of Defence\n\nreported that 67 civilians were\nkilled since 2008.\n\n3\n\nPowered by TCPDF (www.tcpdf.org)'
    const cs = extract(text, { published: '2013-11-04' }).claims
    expect(cs.map((c) => [c.min, c.claimant])).toEqual([[67, 'Ministry of Defence']])
  })
})

describe('summarise', () => {
  const sum = (t: string): ReturnType<typeof summarise> => summarise(extract(t, { published: '2013-01-01' }).claims)
  it('gives the principal incident its total, civilians, children and injured', () => {
    expect(sum('A drone killed 8 people, including 3 young girls, and injured 2.')).toEqual({
      killed: { min: 8, max: 8 },
      civilians: { min: 3, max: 8 },
      children: { min: 3, max: 3 },
      injured: { min: 2, max: 2 },
    })
  })
  it('sums disjoint groups when no total is given', () => {
    expect(sum('Three women and four children were killed.').killed).toEqual({ min: 7, max: 7 })
  })
  it('adds people counted on top of a group', () => {
    expect(sum('At least 11 civilians were killed with six others.').killed).toEqual({ min: 17, max: null })
  })
  it('spans the stated bounds of differing reports', () => {
    expect(sum('At least six people were killed. CNN said as many as 50 people were killed.').killed).toEqual({ min: 6, max: 50 })
  })
  it.each([
    ['Death toll from drone strike rises to 15', 15],
    ['Drone attack leaves 4 dead in North Waziristan', 4],
    ['Militants among 12 dead in US drone attack', 12],
    ['Drone strike kills 4; second strike kills 3 more', 4],
    ['5 people killed in a car. As villagers rushed to the scene, drones struck again. 2 more killed.', 7],
  ] as const)('reads headline and narrative totals: %s', (t, n) => {
    expect(sum(t).killed).toEqual({ min: n, max: n })
  })
  it('reads "possibly all civilians" and "possibly 3 civilians" as at most that many, perhaps none', () => {
    expect(sum('Two or three killed, possibly all civilians.').civilians).toEqual({ min: 0, max: 3 })
    expect(sum('6-9 killed including a named militant leader and possibly 3 civilians.').civilians).toEqual({ min: 0, max: 3 })
    expect(sum('5-7 killed, possibly including civilians.').civilians).toEqual({ min: 0, max: 7 })
    expect(sum('5-8 people killed, some possibly civilians, in attack on house.').civilians).toEqual({ min: 0, max: 8 })
    expect(sum('4 people killed, status unknown, in strike on vehicle.').civilians).toEqual({ min: 0, max: 4 })
    // Without a hedge nothing is said about how many of them were civilians.
    expect(sum('5-7 killed in strike on house in Datta Khel.').civilians).toBeNull()
    expect(sum('The status of the 5 people killed is unknown.').civilians).toBeNull()
  })
  it('keeps civilians within the total less the militants counted beside them', () => {
    const s = sum("Three women and four children killed in attack on two houses. Five 'militants' also reported killed by some sources.")
    expect(s).toEqual({ killed: { min: 12, max: 12 }, civilians: { min: 7, max: 7 }, children: { min: 4, max: 4 }, injured: null })
    expect(sum('Failed strike kills 15-20, including at least four civilians.').civilians).toEqual({ min: 4, max: 20 })
  })
  it('takes a dateline for the country the report was filed in, not the place of the strike', () => {
    const place = (t: string) => extract(t, { published: '2017-03-13' }).claims[0]!.place
    expect(place('PESHAWAR, March 13 — A drone strike on a compound in Datta Khel, North Waziristan, killed four people.')).toMatchObject({ name: 'Datta Khel', precision: 'locality' })
    expect(place('SANAA, Yemen (AP) — A drone strike killed three people in a car.')).toMatchObject({ name: null, country: 'YE', precision: 'country' })
    expect(place('PESHAWAR, March 13 — A drone strike killed four people.')).toMatchObject({ name: null, country: 'PK', precision: 'country' })
    // Not a dateline: a sentence that starts with the place it is about.
    expect(place('Miranshah was hit again: a drone strike killed three people.')).toMatchObject({ name: 'Miranshah' })
  })

  it('counts people among an uncounted group as at least that many, and "a woman and child" as two civilians', () => {
    expect(sum('Missiles hit a house, killing 2 people. A woman and child were among the injured.')).toMatchObject({ killed: { min: 2, max: 2 }, injured: { min: 2, max: null } })
    expect(sum('Two civilians were among the dead, officials said.')).toMatchObject({ killed: { min: 2, max: null }, civilians: { min: 2, max: 2 } })
    expect(sum('A militant and a child were killed.')).toMatchObject({ killed: { min: 2, max: 2 }, civilians: { min: 1, max: 1 }, children: { min: 1, max: 1 } })
    expect(sum('Officials were among the first to arrive.').killed).toBeNull()
  })

  it('reads "multiple" and "numerous" as two or more', () => {
    expect(sum('In Shanta Ameerika a U.S. drone strike killed multiple people.').killed).toEqual({ min: 2, max: null })
    expect(sum('Numerous civilians were killed in the raid.').civilians).toEqual({ min: 2, max: null })
    expect(sum('A drone fired multiple missiles at a car.').killed).toBeNull()
  })

  it('keeps a total at least as large as any of its parts', () => {
    expect(sum('5-6 civilians, including a small child, among up to 13 killed.').killed).toEqual({ min: 5, max: 13 })
    expect(sum('Drones killed 12 civilians. Eleven died immediately.').killed).toEqual({ min: 12, max: 12 })
  })
  it('leaves no children where the account leaves no civilians, unless it counts children itself', () => {
    expect(sum('Officials said four militants were killed in the raid.')).toMatchObject({ civilians: { min: 0, max: 0 }, children: { min: 0, max: 0 } })
    expect(sum('At least three alleged fighters were killed; no civilians died, the army said.').children).toEqual({ min: 0, max: 0 })
    // Nothing said of who the dead were: nothing said of children.
    expect(sum('Officials said four people were killed in the raid.').children).toBeNull()
  })
  it('is null where the text gives nothing', () => {
    expect(sum('No details are known about this strike.')).toEqual({ killed: null, civilians: null, children: null, injured: null })
  })
})
