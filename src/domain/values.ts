/** @module The closed vocabularies of the domain, as `as const` lists with derived unions. */

/** What a figure counts. */
export const MEASURES = ['killed', 'injured', 'strikes'] as const
export type Measure = (typeof MEASURES)[number]

/**
 * Who is counted. `total` is everyone; `unknown` is a group whose status the text leaves open; `men` is adult males
 * (appended last: stored category bits and codes follow this order).
 */
export const CATEGORIES = ['total', 'civilians', 'children', 'women', 'militants', 'security', 'unknown', 'men'] as const
export type Category = (typeof CATEGORIES)[number]

/** How the text qualifies a figure ("at least", "up to", "about", "three or four", "dozens"). */
export const QUALIFIERS = ['exact', 'at_least', 'at_most', 'about', 'range', 'vague'] as const
export type Qualifier = (typeof QUALIFIERS)[number]

/**
 * Why a claim of 0 is 0: `explicit` when the text says none ("no civilians were killed"), `implied` when a claimant's
 * whole account of the dead leaves no room for the category ("four militants were killed", and nothing else).
 */
export const ZERO_KINDS = ['explicit', 'implied'] as const
export type ZeroKind = (typeof ZERO_KINDS)[number]

/** A claim about one strike (or a stated handful of strikes) versus a total over a period or region. */
export const SCOPES = ['incident', 'aggregate'] as const
export type Scope = (typeof SCOPES)[number]

/** What kind of publisher a source comes from. */
export const SOURCE_KINDS = ['news', 'ngo', 'government', 'un', 'dataset', 'other'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

/** Review state of a claim. Rejected claims never count in figures or checks. */
export const CLAIM_STATUSES = ['proposed', 'accepted', 'rejected'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** Incident grades, after Airwars' definitions (see FORMATS.md). */
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const
export type Grade = (typeof GRADES)[number]

/**
 * How sure the record is that a strike took place at all (apart from who was harmed): `confirmed` (the striking
 * party or conclusive evidence says so), `likely` (credible reports agree), `possible` (a single or weak report),
 * `contested` (reports disagree on whether there was a strike, or whose it was).
 */
export const STRIKE_STATUSES = ['confirmed', 'likely', 'possible', 'contested'] as const
export type StrikeStatus = (typeof STRIKE_STATUSES)[number]

/** How precisely a date or period is known. */
export const DATE_PRECISIONS = ['day', 'week', 'month', 'year', 'span'] as const
export type DatePrecision = (typeof DATE_PRECISIONS)[number]

/** How precisely a place is known, most to least precise. A region-level place must never be drawn as a point. */
export const PLACE_PRECISIONS = ['exact', 'locality', 'district', 'region', 'country', 'unknown'] as const
export type PlacePrecision = (typeof PLACE_PRECISIONS)[number]

/** Access roles, each including the rights of the ones before it. */
export const ROLES = ['viewer', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * Kinds of consistency findings. At one incident: a figure dispute (two claimants' figures cannot both hold), a
 * characterisation dispute (one side leaves no room for civilians, another reports civilians among the dead) and a
 * revision (one claimant changes its own figure over time).
 */
export const FINDING_KINDS = ['contradiction', 'tension', 'figure_dispute', 'characterisation_dispute', 'revision', 'place_conflict', 'date_conflict'] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

/** Where an editor's review leaves a finding: open until confirmed or dismissed, with a reason, as a revision. */
export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const
export type FindingStatus = (typeof FINDING_STATUSES)[number]

/** Lifecycle of an incident record; merged incidents point at the survivor and are never deleted. */
export const INCIDENT_STATUSES = ['active', 'merged'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

/** True when `value` is one of `list`; narrows the type. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}
