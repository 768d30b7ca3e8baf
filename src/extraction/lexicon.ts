/** @module Word lists the casualty rules read: head nouns by category, casualty verbs, strike nouns, modifiers. */
import type { Category, Measure } from '../domain/values.js'

/** A person noun: its category and whether it names one person (so "a"/"an" may count it as 1). */
export interface PersonNoun {
  readonly category: Category
  readonly singular: boolean
}

const entries = (category: Category, plural: string, singular: string): [string, PersonNoun][] => [
  ...plural.split(' ').filter(Boolean).map((w): [string, PersonNoun] => [w, { category, singular: false }]),
  ...singular.split(' ').filter(Boolean).map((w): [string, PersonNoun] => [w, { category, singular: true }]),
]

/** Head nouns that name people, by the category they put a figure in. */
export const PERSON_NOUNS: ReadonlyMap<string, PersonNoun> = new Map([
  ...entries('total', 'people persons individuals others victims casualties', 'person individual victim'),
  ...entries('unknown', 'tribesmen nationals citizens foreigners snipers', 'tribesman national citizen foreigner sniper'),
  ...entries('men', 'men males', 'man male'),
  ...entries(
    'civilians',
    'civilians villagers labourers laborers workers farmers woodcutters residents bystanders passengers guests mourners worshippers relatives teachers doctors journalists shepherds elders students rescuers non-combatants noncombatants',
    'civilian villager labourer laborer worker farmer woodcutter resident bystander passenger guest mourner worshipper relative teacher doctor journalist shepherd elder student rescuer grandmother grandfather mother mom mum father wife husband brother sister uncle aunt cousin',
  ),
  ...entries('children', 'children kids boys girls teenagers minors babies infants toddlers grandchildren schoolchildren sons daughters nephews nieces', 'child kid boy girl teenager minor baby infant toddler grandchild schoolboy schoolgirl son daughter nephew niece'),
  ...entries('women', 'women ladies', 'woman lady'),
  ...entries(
    'militants',
    'militants fighters insurgents terrorists extremists jihadists rebels combatants commanders operatives suspects taliban gunmen',
    'militant fighter insurgent terrorist extremist jihadist rebel combatant commander operative suspect gunman',
  ),
  ...entries('security', 'soldiers troops policemen police officers personnel guards servicemen', 'soldier policeman officer guard serviceman'),
])

/** Adjectives that set a category without being the head noun ("civilian deaths", "militant dead"). */
export const CATEGORY_MODIFIERS: ReadonlyMap<string, Category> = new Map([
  ['civilian', 'civilians'],
  ['militant', 'militants'],
  ['taliban', 'militants'],
  ['insurgent', 'militants'],
  ['child', 'children'],
  ['security', 'security'],
  ['qaeda', 'militants'],
  ['qaida', 'militants'],
  ['al-qaeda', 'militants'],
  ['aqap', 'militants'],
  ['ttp', 'militants'],
  ['haqqani', 'militants'],
  ['shabaab', 'militants'],
  ['al-shabaab', 'militants'],
  ['isis', 'militants'],
  ['isil', 'militants'],
  ['jihadist', 'militants'],
  ['islamist', 'militants'],
])

/** Nouns that are themselves casualty counts ("eight deaths", "30 wounded"). */
export const CASUALTY_NOUNS: ReadonlyMap<string, Measure> = new Map([
  ['deaths', 'killed'],
  ['death', 'killed'],
  ['dead', 'killed'],
  ['fatalities', 'killed'],
  ['bodies', 'killed'],
  ['lives', 'killed'],
  ['wounded', 'injured'],
  ['injured', 'injured'],
  ['injuries', 'injured'],
])

/** Verbs that, right before a figure, make it a casualty count ("killed 19", "wounding 2"). */
export const GOVERNING_VERBS: ReadonlyMap<string, Measure> = new Map([
  ['killed', 'killed'],
  ['killing', 'killed'],
  ['kills', 'killed'],
  ['kill', 'killed'],
  ['slew', 'killed'],
  ['slaying', 'killed'],
  ['injured', 'injured'],
  ['injuring', 'injured'],
  ['injures', 'injured'],
  ['injure', 'injured'],
  ['wounded', 'injured'],
  ['wounding', 'injured'],
  ['wounds', 'injured'],
  ['wound', 'injured'],
  ['hurt', 'injured'],
  ['hurting', 'injured'],
  ['maimed', 'injured'],
  ['maiming', 'injured'],
])

/** Predicates that, after a figure, make it a casualty count ("18 labourers were killed", "8 dead"). */
export const PREDICATES: ReadonlyMap<string, Measure> = new Map([
  ['killed', 'killed'],
  ['dead', 'killed'],
  ['died', 'killed'],
  ['die', 'killed'],
  ['slain', 'killed'],
  ['perished', 'killed'],
  ['martyred', 'killed'],
  ['killed,', 'killed'],
  ['injured', 'injured'],
  ['wounded', 'injured'],
  ['hurt', 'injured'],
  ['maimed', 'injured'],
])

/** Words allowed between a figure's noun phrase and its predicate ("were reportedly killed", "have been killed"). */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'be', 'being', 'reportedly', 'reported', 'allegedly', 'also', 'all',
  'confirmed', 'believed', 'thought', 'said', 'to', 'feared', 'later', 'initially', 'subsequently', 'were', 'apparently', 'both',
  'likely', 'probably', 'possibly', 'may', 'might', 'will', 'would', 'could', 'presumed', 'declared', 'found', 'left', 'lay',
  'among', 'the', 'those', 'either', 'instantly', 'immediately', 'then', 'eventually', 'now', 'already', 'unofficially', 'officially',
])

/** Nouns that count strikes. */
export const STRIKE_NOUNS: ReadonlySet<string> = new Set(['strikes', 'strike', 'attacks', 'attack', 'airstrikes', 'airstrike', 'raids', 'raid', 'bombings', 'bombardments'])

/** Words that may sit between a figure and its head noun ("alleged", "young", "other", "more"). */
export const MODIFIERS: ReadonlySet<string> = new Set([
  'alleged', 'suspected', 'young', 'other', 'more', 'innocent', 'foreign', 'local', 'senior', 'mid-level', 'low-level', 'armed',
  'unidentified', 'unknown', 'named', 'unnamed', 'further', 'additional', 'presumed', 'reported', 'possible', 'purported', 'suspect',
  'of', 'the', 'them', 'these', 'those', 'whom', 'were', 'drone', 'us', 'u.s.', 'american', 'pakistani', 'afghan', 'yemeni', 'somali',
  'al', 'qaeda', 'qaida', 'al-qaeda', 'al-qaida', 'tribal', 'militant', 'civilian', 'child', 'security', 'taliban', 'pakistan',
  'adult', 'teenage', 'little', 'small', 'elderly', 'old', 'female', 'male', 'family', 'wanted', 'top', 'high-value', 'key',
  'hardcore', 'hard-core', 'pro-government', 'government', 'army', 'police', 'military', 'paramilitary', 'frontier', 'corps',
  'his', 'her', 'their', 'its', 'a', 'an', 'own', 'non', 'air', 'missile', 'rocket', 'u', 's',
])

/** Reporting verbs: the subject (or the inverted speaker) is the claimant. */
export const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'said', 'says', 'say', 'told', 'tells', 'declared', 'declares', 'stated', 'states', 'claimed', 'claims', 'claim', 'reported', 'reports', 'alleged',
  'alleges', 'confirmed', 'confirms', 'added', 'adds', 'announced', 'announces', 'estimated', 'estimates', 'documented', 'documents',
  'recorded', 'records', 'insisted', 'insists', 'maintained', 'maintains', 'noted', 'notes', 'wrote', 'writes', 'counted', 'counts',
  'acknowledged', 'admitted', 'asserted', 'explained', 'stressed', 'revealed', 'disclosed', 'tallied',
  'concluded', 'concludes', 'commented', 'quoted', 'cited', 'contended', 'argued', 'informed', 'put', 'puts', 'putting',
])

/** Title words stripped from a speaker's name ("Interior Minister Chaudhry Nisar Ali Khan" → the name). */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'minister', 'president', 'spokesman', 'spokesperson', 'spokeswoman', 'ambassador', 'secretary', 'general', 'governor', 'senator',
  'rapporteur', 'chief', 'director', 'commander', 'leader', 'official', 'mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'colonel', 'major',
  'captain', 'prime', 'foreign', 'interior', 'information', 'defence', 'defense', 'deputy', 'head', 'chairman', 'mayor', 'envoy',
  'advisor', 'adviser', 'lieutenant', 'brigadier', 'maj', 'capt', 'sheikh', 'mullah', 'maulana', 'maulvi', 'judge', 'justice',
  'professor', 'prof', 'researcher', 'analyst', 'correspondent', 'reporter', 'editor', 'senior', 'special', 'state', 'department',
  'intelligence', 'security', 'military', 'army', 'police', 'tribal', 'elder', 'local', 'political', 'agent', 'administrator', 'mp', 'lawmaker',
])

/** Words that make a capitalised phrase an organisation. */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'international', 'ministry', 'organisation', 'organization', 'commission', 'bureau', 'council', 'watch', 'agency', 'army', 'government',
  'office', 'department', 'police', 'committee', 'nations', 'times', 'post', 'reuters', 'press', 'afp', 'bbc', 'cnn', 'jazeera', 'dawn',
  'ispr', 'un', 'unama', 'amnesty', 'airwars', 'acled', 'institute', 'foundation', 'centre', 'center', 'network', 'news', 'journal',
  'tribune', 'guardian', 'telegraph', 'independent', 'express', 'herald', 'nation', 'monitor', 'observatory', 'coalition', 'pentagon',
  'centcom', 'command', 'forces', 'military', 'administration', 'senate', 'parliament', 'court', 'red', 'crescent', 'cross', 'msf',
  'hrw', 'tbij', 'media', 'taliban', 'ttp', 'cia', 'nato', 'isaf', 'service', 'union', 'association', 'group', 'party', 'wire',
  'xinhua', 'ap', 'geo', 'tv', 'radio', 'agence', 'france-presse', 'associated', 'aljazeera', 'state',
])

/** Lower-case speaker phrases ("local officials", "residents", "security sources"). */
export const COMMON_SPEAKERS: ReadonlySet<string> = new Set([
  'officials', 'official', 'residents', 'villagers', 'sources', 'witnesses', 'eyewitnesses', 'authorities', 'police', 'military',
  'army', 'government', 'spokesman', 'spokesperson', 'relatives', 'elders', 'doctors', 'medics', 'hospital', 'reports', 'media',
  'militants', 'taliban', 'commanders', 'commander', 'locals', 'tribesmen', 'officers', 'officer', 'ministry',
  'resident', 'villager', 'witness', 'eyewitness', 'source', 'relative', 'medic', 'doctor', 'elder', 'journalist', 'reporter',
  'journalists', 'reporters', 'activists', 'activist', 'lawmaker', 'lawmakers', 'tribesman', 'guard', 'guards', 'governor',
  'body', 'team', 'mission', 'committee', 'commission', 'monitor', 'group', 'agency', 'probe', 'inquiry', 'investigation',
  'survivor', 'survivors', 'nurse', 'nurses', 'neighbour', 'neighbours', 'neighbor', 'neighbors', 'director', 'chief', 'workers', 'staff', 'observers', 'investigators', 'leader', 'leaders', 'council', 'panel',
])
