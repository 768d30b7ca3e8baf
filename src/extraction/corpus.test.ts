/**
 * @module A written corpus of report-style sentences and short paragraphs (our own wording, in the styles of wire
 * copy, NGO reports and encyclopedia articles), each with the claims a recorder reads there: measure, category,
 * figure and claimant. Zero claims ("no civilians were killed") are left to the reconciliation rules and not listed.
 */
import { describe, expect, it } from 'vitest'
import { extract } from './index.js'

type Want = readonly [measure: string, category: string, min: number | null, max: number | null, claimant: string | null]
interface Case {
  readonly text: string
  readonly want: readonly Want[]
  readonly publisher?: string
}

const K = 'killed'
const I = 'injured'

/** Who asserts each figure. */
const ATTRIBUTION: readonly Case[] = [
  { text: 'A village elder and a hospital guard both told reporters that 12 people died.', want: [[K, 'total', 12, 12, 'village elder and hospital guard']] },
  { text: 'A district official and a local doctor said the strike killed nine people.', want: [[K, 'total', 9, 9, 'district official and local doctor']] },
  { text: 'Ahmed Karimi told Reuters that 30 people had been killed.', want: [[K, 'total', 30, 30, 'Ahmed Karimi']] },
  { text: 'Laila Haidari said in a statement to Al Jazeera that 14 people were killed.', want: [[K, 'total', 14, 14, 'Laila Haidari']] },
  { text: 'Two tribal elders told the BBC that 17 villagers were wounded.', want: [[I, 'civilians', 17, 17, 'tribal elders']] },
  { text: 'The raid increased pressure on the army, which has maintained that only 20 fighters were killed.', want: [[K, 'militants', 20, 20, 'army']] },
  { text: 'Criticism fell on the ministry, which insisted that 6 civilians had died.', want: [[K, 'civilians', 6, 6, 'ministry']] },
  { text: 'Nineteen civilians were killed in the raid, said the Observatory.', want: [[K, 'civilians', 19, 19, 'Observatory']] },
  { text: 'Eleven people died, said Amir Khan, a local teacher.', want: [[K, 'total', 11, 11, 'Amir Khan']] },
  { text: 'Seven soldiers were wounded, according to the army.', want: [[I, 'security', 7, 7, 'army']] },
  { text: 'Fourteen people were killed, said a local official.', want: [[K, 'total', 14, 14, 'local official']] },
  { text: 'AP reported at least 13 dead; Reuters said 15 died.', want: [[K, 'total', 13, null, 'AP'], [K, 'total', 15, 15, 'Reuters']] },
  { text: 'The BBC said 22 people were killed, while Al Jazeera said 30 people were killed.', want: [[K, 'total', 22, 22, 'BBC'], [K, 'total', 30, 30, 'Al Jazeera']] },
  { text: 'Police said four militants died; residents said six civilians died.', want: [[K, 'militants', 4, 4, 'Police'], [K, 'civilians', 6, 6, 'residents']] },
  {
    text: 'Provincial spokesman Omar Zwak said the missile hit a house. He said eight people were killed.',
    want: [[K, 'total', 8, 8, 'Omar Zwak']],
  },
  {
    text: 'Police chief Abdul Rahim said the car was destroyed. The official added that three women were wounded.',
    want: [[I, 'women', 3, 3, 'Abdul Rahim']],
  },
  {
    text: 'A senior security official said the compound was hit twice. According to the same official, 16 people were wounded.',
    want: [[I, 'total', 16, 16, 'senior security official']],
  },
  {
    text: 'The health ministry said 10 people died. Residents said the dead were farmers. It said 5 more were injured.',
    want: [[K, 'total', 10, 10, 'health ministry'], [I, 'total', 5, 5, 'health ministry']],
  },
  {
    text: 'Villagers said the strike hit a funeral. They said 23 mourners were killed.',
    want: [[K, 'civilians', 23, 23, 'Villagers']],
  },
  {
    text: 'Salim Abdi, a farmer, lost his brother in the attack. He said 4 people were killed in the car.',
    want: [[K, 'total', 4, 4, 'Salim Abdi']],
  },
  { text: 'KABUL (Reuters) - A district governor said nine civilians were killed in an air strike on Tuesday.', want: [[K, 'civilians', 9, 9, 'district governor']] },
  { text: 'MOGADISHU (AP) - An air strike killed five people in southern Somalia on Sunday.', want: [[K, 'total', 5, 5, 'AP']] },
  {
    text: 'SANAA, Yemen (AP) - Tribal leaders said 11 people were killed when a missile hit a truck.',
    want: [[K, 'total', 11, 11, 'Tribal leaders']],
  },
  { text: 'The ministry said 40 people were killed.[3] Local elders said 52 died.[4]', want: [[K, 'total', 40, 40, 'ministry'], [K, 'total', 52, 52, 'Local elders']] },
  {
    text: 'The government said 60 militants were killed.[1][2] A rights group said 31 civilians died.[5]',
    want: [[K, 'militants', 60, 60, 'government'], [K, 'civilians', 31, 31, 'rights group']],
  },
  { text: 'At least 14 people were killed when a drone struck a car near the town.', publisher: 'Valley Monitor', want: [[K, 'total', 14, null, 'Valley Monitor']] },
  { text: 'A drone strike killed four people in a car.', want: [[K, 'total', 4, 4, null]] },
  { text: 'Dawn and Reuters put the casualties between 22 and 25.', want: [[K, 'total', 22, 25, 'Dawn and Reuters']] },
  { text: 'Local media in the province reported that as many as 18 people were killed.', want: [[K, 'total', null, 18, 'Local media']] },
  { text: "The country's top rights body has said 97 civilians were killed.", want: [[K, 'civilians', 97, 97, 'country top rights body']] },
  { text: 'An earlier probe by the US military had said that 20 civilians were killed.', want: [[K, 'civilians', 20, 20, 'US military']] },
  { text: 'A lawmaker and relative of one victim said the strike killed six civilians.', want: [[K, 'civilians', 6, 6, 'lawmaker and relative']] },
  { text: 'A spokesman for the governor said 8 police officers were killed.', want: [[K, 'security', 8, 8, 'spokesman']] },
  {
    text: 'Human Rights Watch said 12 civilians were killed. Its researchers found the homes destroyed.\n\nA second strike killed 3 people.',
    want: [[K, 'civilians', 12, 12, 'Human Rights Watch'], [K, 'total', 3, 3, null]],
  },
  { text: '"Twenty-one people were killed," said the provincial police chief.', want: [[K, 'total', 21, 21, 'provincial police chief']] },
  { text: 'Six people died in the blast, according to his cousin Bilal Noori.', want: [[K, 'total', 6, 6, 'Bilal Noori']] },
  {
    text: 'Officials praised a provincial council sent from the capital to review the raid, which put the total dead at 48.',
    want: [[K, 'total', 48, 48, 'provincial council']],
  },
  {
    text: 'The interior ministry said 12 people were killed. The official statement added that 3 of the dead were women.',
    want: [[K, 'total', 12, 12, 'interior ministry'], [K, 'women', 3, 3, 'interior ministry']],
  },
]

/** Figures recorders read, and what they count. */
const FIGURES: readonly Case[] = [
  { text: 'The strike killed 35 Taliban fighters.', want: [[K, 'militants', 35, 35, null]] },
  { text: 'Eighteen male labourers were killed while they rested.', want: [[K, 'civilians', 18, 18, null]] },
  { text: 'Nine members of his family were killed in the strike.', want: [[K, 'civilians', 9, 9, null]] },
  { text: 'Al Jazeera put the number of dead at 35.', want: [[K, 'total', 35, 35, 'Al Jazeera']] },
  { text: 'The commission put the total dead at up to 95.', want: [[K, 'total', null, 95, 'commission']] },
  { text: 'The death toll rose to 40 on Wednesday.', want: [[K, 'total', 40, 40, null]] },
  { text: 'The death count was at least 13 people.', want: [[K, 'total', 13, null, null]] },
  { text: 'Up to 95 people were killed.', want: [[K, 'total', null, 95, null]] },
  { text: 'Up to 95 dead were reported.', want: [[K, 'total', null, 95, null]] },
  { text: 'Twelve people were killed. Five of the dead were children.', want: [[K, 'total', 12, 12, null], [K, 'children', 5, 5, null]] },
  { text: 'Of the dead, 22 were adult men and 9 were children.', want: [[K, 'men', 22, 22, null], [K, 'children', 9, 9, null]] },
  { text: 'Three of the wounded were women.', want: [[I, 'women', 3, 3, null]] },
  { text: 'Ten people were killed and five who were injured later died.', want: [[K, 'total', 10, 10, null], [K, 'total', 5, 5, null]] },
  { text: 'Four people who were wounded in the strike later died in hospital.', want: [[K, 'total', 4, 4, null]] },
  { text: 'Two of the injured died of their wounds.', want: [[K, 'total', 2, 2, null]] },
  { text: 'Gul Rahman was killed when the missile hit his car.', want: [[K, 'total', 1, 1, null]] },
  { text: 'Karim Ahmadi and nine members of his family were killed in the strike.', want: [[K, 'total', 10, 10, null]] },
  { text: 'Those killed were Ali Hassan, Omar Saleh and Yusuf Abdi.', want: [[K, 'total', 3, 3, null]] },
  { text: 'Two dozen people were killed.', want: [[K, 'total', 24, 24, null]] },
  { text: 'Scores of villagers were wounded.', want: [[I, 'civilians', 40, 199, null]] },
  { text: 'More than a hundred people died.', want: [[K, 'total', 101, null, null]] },
  { text: 'A family of seven was killed when the house collapsed.', want: [[K, 'civilians', 7, 7, null]] },
  { text: 'Six men were killed at the checkpoint.', want: [[K, 'men', 6, 6, null]] },
  { text: 'The strike killed three men and two women.', want: [[K, 'men', 3, 3, null], [K, 'women', 2, 2, null]] },
  { text: 'Four adult males were killed.', want: [[K, 'men', 4, 4, null]] },
  { text: 'A 45-year-old farmer was killed in the strike.', want: [[K, 'civilians', 1, 1, null]] },
  { text: 'The strike killed 8 people, including 3 young girls.', want: [[K, 'total', 8, 8, null], [K, 'children', 3, 3, null]] },
  { text: 'Three women and four children were killed.', want: [[K, 'women', 3, 3, null], [K, 'children', 4, 4, null]] },
  { text: 'At least 30 people were injured and 12 were killed.', want: [[I, 'total', 30, null, null], [K, 'total', 12, 12, null]] },
  { text: 'The attack killed about 40 people and wounded dozens.', want: [[K, 'total', 40, 40, null], [I, 'total', 24, 99, null]] },
  { text: 'Between 80 and 100 militants were killed.', want: [[K, 'militants', 80, 100, null]] },
  { text: 'Seven people, including a child, were killed.', want: [[K, 'total', 7, 7, null], [K, 'children', 1, 1, null]] },
  { text: 'Missiles hit a house, killing 4 people and injuring 2 others.', want: [[K, 'total', 4, 4, null], [I, 'total', 2, 2, null]] },
  { text: 'Several civilians were killed.', want: [[K, 'civilians', 3, 9, null]] },
  { text: 'Nearly 50 civilians were wounded.', want: [[I, 'civilians', null, 50, null]] },
  { text: 'The strike killed 13 members of a single family.', want: [[K, 'civilians', 13, 13, null]] },
  { text: 'Five soldiers and two policemen died.', want: [[K, 'security', 5, 5, null], [K, 'security', 2, 2, null]] },
  { text: 'The strike killed 14 people, three of them children.', want: [[K, 'total', 14, 14, null], [K, 'children', 3, 3, null]] },
  { text: 'Officials said 20 were wounded, 5 of whom were women.', want: [[I, 'total', 20, 20, 'Officials'], [I, 'women', 5, 5, 'Officials']] },
  { text: 'The second strike killed the two gunmen on the roof.', want: [[K, 'militants', 2, 2, null]] },
  { text: 'A spokesman said 80 people were killed, of whom 30 were adult males and 12 were women.', want: [[K, 'total', 80, 80, 'spokesman'], [K, 'men', 30, 30, 'spokesman'], [K, 'women', 12, 12, 'spokesman']] },
  { text: 'Daud and six members of his family, including the four children, were killed.', want: [[K, 'total', 7, 7, null], [K, 'children', 4, 4, null]] },
  {
    text: "A neighbour said the blast killed a family of farmers, 'four men, three children and an elderly lady.'",
    want: [[K, 'men', 4, 4, 'neighbour'], [K, 'children', 3, 3, 'neighbour'], [K, 'women', 1, 1, 'neighbour']],
  },
  { text: 'A father and young child were reported killed in an air strike on the market town.', want: [[K, 'civilians', 2, 2, null], [K, 'children', 1, 1, null]] },
  { text: 'Several tribal elders and tribal policemen were killed when the meeting was hit.', want: [[K, 'total', 3, 9, null]] },
  { text: 'A woman and her two children were killed in the strike.', want: [[K, 'women', 1, 1, null], [K, 'children', 2, 2, null]] },
  { text: 'An old lady and a boy were wounded by shrapnel.', want: [[I, 'women', 1, 1, null], [I, 'children', 1, 1, null]] },
  {
    text: 'Colonel Ray Dunmore said the collapse killed the three gunmen, 40 civilians who had hidden in the basement of the school and six civilians in the bakery next door.',
    want: [[K, 'militants', 3, 3, 'Ray Dunmore'], [K, 'civilians', 40, 40, 'Ray Dunmore'], [K, 'civilians', 6, 6, 'Ray Dunmore']],
  },
  { text: 'The raid killed 4 militants in Spin Kalay and 3 others in a nearby orchard.', want: [[K, 'militants', 4, 4, null], [K, 'total', 3, 3, null]] },
  { text: 'Nine people died at the scene and another four who were wounded died in hospital.', want: [[K, 'total', 13, 13, null]] },
  { text: 'The raid killed five civilians and two more died of their wounds the next day, a nurse said.', want: [[K, 'civilians', 7, 7, 'nurse']] },
  { text: 'A first strike killed four people; a second strike killed 3 more.', want: [[K, 'total', 4, 4, null], [K, 'total', 3, 3, null]] },
  { text: 'Six suspected fighters and rescuers died when a second missile hit the crowd.', want: [[K, 'total', 6, 6, null]] },
  { text: 'Four rescuers were wounded by the second missile.', want: [[I, 'civilians', 4, 4, null]] },
  {
    text: 'Between 6 and 11 people died, including women and children, a doctor said.',
    want: [[K, 'total', 6, 11, 'doctor'], [K, 'women', 2, null, 'doctor'], [K, 'children', 2, null, 'doctor']],
  },
  { text: 'Missiles killed 14 people in the market, among them children.', want: [[K, 'total', 14, 14, null], [K, 'children', 2, null, null]] },
]

/** Numbers that are not casualty figures. */
const NOT_FIGURES: readonly Case[] = [
  { text: 'No one will ever know how many died that night.', want: [] },
  { text: 'The boy was 12 years old when the drone came.', want: [] },
  { text: 'The strike happened on 12 March 2014 near the border.', want: [] },
  { text: 'Doctors gave the wounded 500 mg of paracetamol.', want: [] },
  { text: 'The report, No. 45, listed the attack.', want: [] },
  { text: 'Four vehicles were destroyed in the strike.', want: [] },
  { text: 'Two missiles struck the compound.', want: [] },
  { text: 'The 3 drones circled over the village for 6 hours before the strike.', want: [] },
  { text: 'Resolution 2216 was cited after the attack.', want: [] },
  { text: 'Police said 2 suspects were arrested after the attack.', want: [] },
  { text: 'The wounded were taken 40 kilometres to the hospital.', want: [] },
  { text: 'A 20-minute barrage hit the village.', want: [] },
  { text: 'The dead were buried in 3 graves.', want: [] },
  { text: 'It was one of the deadliest raids of the year.', want: [] },
  { text: 'Five of the dead were identified by their families.', want: [] },
]

function claimsOf(c: Case): Want[] {
  return extract(c.text, { published: '2015-06-01', publisher: c.publisher ?? null })
    .claims.filter((x) => x.measure !== 'strikes' && !(x.min === 0 && x.max === 0))
    .map((x): Want => [x.measure, x.category, x.min, x.max, x.claimant])
}

const norm = (ws: readonly Want[]): string[] => ws.map((w) => JSON.stringify([w[0], w[1], w[2], w[3], w[4]?.toLowerCase() ?? null])).sort()

describe.each([
  ['attribution', ATTRIBUTION],
  ['figures', FIGURES],
  ['not figures', NOT_FIGURES],
] as const)('written corpus: %s', (_name, cases) => {
  it.each(cases.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    expect(norm(claimsOf(c))).toEqual(norm(c.want))
  })
})

it('the written corpus holds at least 80 texts', () => {
  expect(ATTRIBUTION.length + FIGURES.length + NOT_FIGURES.length).toBeGreaterThanOrEqual(80)
})
