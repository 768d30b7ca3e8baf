/**
 * @module Zod shapes of everything the API sends and accepts. The same objects validate requests and generate
 * the OpenAPI document (openapi.ts), so the published spec cannot drift from what the server enforces.
 */
import { z } from 'zod'
import {
  CATEGORIES,
  CLAIM_STATUSES,
  DATE_PRECISIONS,
  ENTITY_TYPES,
  FINDING_KINDS,
  FINDING_STATUSES,
  ZERO_KINDS,
  GRADES,
  INCIDENT_STATUSES,
  MEASURES,
  MEDIA_TYPES,
  PLACE_PRECISIONS,
  QUALIFIERS,
  ROLES,
  SCOPES,
  SOURCE_KINDS,
  STRIKE_STATUSES,
} from '../domain/index.js'
import { readCountry } from '../app/country-filter.js'
import { MAX_MAP_ZOOM } from '../app/map-view.js'
import { INCIDENT_SORTS, TOTAL_GROUPS } from '../storage/store.js'
import { Victim } from './victim-schemas.js'

const date = z.iso.date()
const nullableText = z.string().nullable()

/** A span of days; `start: null` is "from the beginning", `end: null` "until now". */
export const Period = z.object({
  start: date.nullable(),
  end: date.nullable(),
  precision: z.enum(DATE_PRECISIONS).nullable(),
  text: nullableText.optional(),
  resolved: z.boolean().optional(),
})

/** A place with an honest precision; region- or country-level points are centroids, to be drawn as areas. */
export const Place = z.object({
  name: nullableText,
  admin1: nullableText,
  admin2: nullableText.optional(),
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  precision: z.enum(PLACE_PRECISIONS),
  /** The dataset's own precision code, verbatim ("UCDP where_prec 5"), for places from dataset rows. */
  precisionCode: nullableText.optional(),
})

const sourceFields = {
  id: z.string(),
  kind: z.enum(SOURCE_KINDS),
  publisher: nullableText,
  url: nullableText,
  title: nullableText,
  published: date.nullable(),
  language: nullableText,
  sha256: z.string(),
  mediaType: z.enum(MEDIA_TYPES),
  filename: nullableText,
  byteLength: z.number().int(),
  retrievedAt: z.string(),
  /** A dataset row's own id in its dataset (ACLED event_id_cnty, UCDP id, TBIJ bureau_id); null for documents. */
  externalId: nullableText,
}

/** A stored source with its normalised text (claim spans index into it). */
export const Source = z.object({ ...sourceFields, text: z.string() })

/** A source as listed: everything but the text; `snippet` (matches wrapped in «») only in search results. */
export const SourceSummary = z.object({ ...sourceFields, textLength: z.number().int(), snippet: z.string().optional() })

/** Offsets `[start, end)` into the source text. */
export const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) })

/** One statement of a figure inside a source. */
export const Claim = z.object({
  id: z.string(),
  sourceId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  incidentId: z.string().nullable(),
  measure: z.enum(MEASURES),
  category: z.enum(CATEGORIES),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  qualifier: z.enum(QUALIFIERS),
  scope: z.enum(SCOPES),
  incidents: z.number().int().nullable(),
  period: Period,
  place: Place.nullable(),
  actor: nullableText,
  claimant: nullableText,
  quote: z.string(),
  span: Span,
  extractor: z.string(),
  eventKey: nullableText,
  names: z.array(z.string()),
  /** For a claim of 0: stated by the text (explicit) or implied by its claimant's whole account; else null. */
  zero: z.enum(ZERO_KINDS).nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/** A claim as extraction proposes it, before it is stored (POST /api/extract). */
export const ClaimDraft = Claim.omit({ id: true, sourceId: true, status: true, incidentId: true, createdAt: true, updatedAt: true })

/** A reconciled range for one measure and category, with the claims that set each bound. */
export const Figure = z.object({
  measure: z.enum(MEASURES),
  category: z.enum(CATEGORIES),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  lowClaims: z.array(z.string()),
  highClaims: z.array(z.string()),
  claims: z.array(z.string()),
  sources: z.number().int(),
})

/** Why a claim sits in an incident. */
export const IncidentLink = z.object({ claimId: z.string(), reason: z.string(), by: z.string(), at: z.string() })

/** One strike, with figures derived from its claims. */
export const Incident = z.object({
  id: z.string(),
  date: Period,
  place: Place.nullable(),
  actor: nullableText,
  target: nullableText,
  victims: z.array(z.string()),
  grade: z.enum(GRADES).nullable(),
  /** Which of place and date an editor set (kept until an editor clears them); the rest follow the claims. */
  setByEditor: z.object({ place: z.boolean(), date: z.boolean() }),
  strikeStatus: z.enum(STRIKE_STATUSES).nullable(),
  belligerent: nullableText,
  summary: nullableText,
  gradeReason: nullableText,
  status: z.enum(INCIDENT_STATUSES),
  mergedInto: z.string().nullable(),
  figures: z.array(Figure),
  links: z.array(IncidentLink),
  sourceCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/** A range with null meaning unbounded. */
export const Range = z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() })

/** A contradiction or tension between claims. */
export const Finding = z.object({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  measure: z.enum(MEASURES),
  category: z.enum(CATEGORIES),
  claims: z.array(z.string()),
  claimants: z.array(z.string().nullable()),
  summary: z.string(),
  arithmetic: z.string(),
  implied: z.object({ range: Range, period: Period.nullable(), region: z.string().nullable() }).optional(),
  /** An editor's review: open (never reviewed, or reopened), confirmed or dismissed. */
  status: z.enum(FINDING_STATUSES).optional(),
  reason: z.string().nullable().optional(),
})

/** One recorded change: who, when, why, before and after. */
export const Revision = z.object({
  id: z.string(),
  entityType: z.enum(ENTITY_TYPES),
  entityId: z.string(),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  why: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
})

/** A page of a list: the items, how many match in all, and the window asked for. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
}

/** The standard error body. */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
})

// ---------------------------------------------------------------- requests
// Every request schema is strict: a key the API does not know (a typo such as `minCasualty`) is a 400 naming it,
// never silently dropped so that the caller gets an unfiltered answer.

/** Pagination shared by every list; `limit` is capped so one request cannot ask for the whole store. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})


/**
 * A country as a person types it, a code ("pk") or a name ("Pakistan"), read as its ISO 3166-1 alpha-2 code; one that
 * names no country is refused with suggestions, so a typo never becomes a silent empty result (or another country).
 */
const countryQuery = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('ISO 3166-1 alpha-2 code or country name')
  .transform((s, ctx) => {
    const answer = readCountry(s)
    if (answer.code !== null) return answer.code
    ctx.addIssue({ code: 'custom', message: answer.refusal })
    return z.NEVER
  })

/** Filters shared by the incident list, totals and exports. */
export const IncidentFilterQuery = z.strictObject({
  from: date.optional(),
  to: date.optional(),
  country: countryQuery.optional(),
  actor: z.string().min(1).max(300).optional(),
  category: z.enum(CATEGORIES).optional(),
  grade: z.enum(GRADES).optional(),
  minCasualties: z.coerce.number().int().min(0).optional(),
})

/** GET /api/incidents; `sort` is date, -date (newest first, the default) or -killed; ties break on id. */
export const IncidentListQuery = IncidentFilterQuery.extend(PageQuery.shape).extend({ sort: z.enum(INCIDENT_SORTS).default('-date') })

/** GET /api/findings: a page of findings; with `include=claims`, the claims they name (each once, with its source). */
export const FindingPage = Page(Finding).extend({ claims: z.array(Claim.extend({ source: SourceSummary.nullable() })).optional() })

/** GET /api/totals. */
export const TotalsQuery = IncidentFilterQuery.extend({ groupBy: z.enum(TOTAL_GROUPS).default('year') })

/** GET /api/sources. */
export const SourceListQuery = PageQuery.extend({ search: z.string().min(1).max(500).optional() })

/** GET /api/claims. */
export const ClaimListQuery = PageQuery.extend({
  sourceId: z.string().optional(),
  incidentId: z.string().optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  measure: z.enum(MEASURES).optional(),
  category: z.enum(CATEGORIES).optional(),
  scope: z.enum(SCOPES).optional(),
})

/** GET /api/revisions. */
export const RevisionListQuery = PageQuery.extend({ entityType: z.enum(ENTITY_TYPES).optional(), entityId: z.string().optional() })

/** GET /api/findings. */
export const FindingListQuery = PageQuery.extend({
  kind: z.enum(FINDING_KINDS).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  measure: z.enum(MEASURES).optional(),
  category: z.enum(CATEGORIES).optional(),
  claimId: z.string().min(1).max(200).optional(),
  /** `claims`: the page also carries every claim its findings name, each once, with its source summary. */
  include: z.enum(['claims']).optional(),
})

/** A path with one `:id`. */
export const IdParams = z.strictObject({ id: z.string().min(1).max(200) })

/** Why a change is made; recorded in the revision. */
const reason = z.string().trim().min(1).max(2000)

const sourceMetaFields = {
  title: z.string().max(1000).optional(),
  publisher: z.string().max(300).optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  published: date.optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  language: z.string().max(35).optional(),
}

/** POST /api/sources as JSON. */
export const CreateSourceJson = z.strictObject({ text: z.string().min(1), ...sourceMetaFields })

/** POST /api/sources as multipart/form-data: the document in `file` (txt, md, html or pdf). */
export const CreateSourceUpload = z.strictObject({ file: z.file(), ...sourceMetaFields })

/** What creating a source returns; `created` is false when the same bytes were already stored. */
export const CreateSourceResponse = z.object({ source: Source, claims: z.array(Claim), created: z.boolean() })

/** POST /api/claims/:id/reject. */
export const RejectBody = z.strictObject({ reason })
/** POST /api/claims/:id/accept (the reason is optional: accepting what extraction proposed needs no argument). */
export const AcceptBody = z.strictObject({ reason: reason.optional() })

/** PATCH /api/claims/:id: fields to change (validated by the domain's claimEdit) and why. */
export const EditClaimBody = z.strictObject({
  edit: z
    .object({
      measure: z.enum(MEASURES),
      category: z.enum(CATEGORIES),
      min: z.number().int().min(0).nullable(),
      max: z.number().int().min(0).nullable(),
      qualifier: z.enum(QUALIFIERS),
      scope: z.enum(SCOPES),
      incidents: z.number().int().min(0).nullable(),
      period: Period.strict(),
      place: Place.strict().nullable(),
      actor: z.string().max(300).nullable(),
      claimant: z.string().max(300).nullable(),
    })
    .partial()
    .strict(),
  reason,
})

/** POST /api/claims/:id/move: to an incident, or to a new incident when `incidentId` is null. */
export const MoveClaimBody = z.strictObject({ incidentId: z.string().min(1).nullable(), reason })

/** POST /api/incidents/:id/merge. */
export const MergeBody = z.strictObject({ into: z.string().min(1), reason })

/**
 * PATCH /api/incidents/:id: the descriptive fields an editor corrects (date and its precision, place with its
 * precision, actor, target, grade), each change kept as a revision with `reason` (the grader's reason for a grade).
 */
export const IncidentPatchBody = z.strictObject({
  patch: z
    .strictObject({
      date: z.strictObject({ start: date.nullable(), end: date.nullable(), precision: z.enum(DATE_PRECISIONS).nullable() }).optional(),
      place: Place.nullable().optional(),
      actor: nullableText.optional(),
      target: nullableText.optional(),
      grade: z.enum(GRADES).nullable().optional(),
      /** Without it, a change of grade keeps the patch's `reason` as the grader's reason. */
      gradeReason: z.string().max(2000).nullable().optional(),
      strikeStatus: z.enum(STRIKE_STATUSES).nullable().optional(),
      belligerent: z.string().max(200).nullable().optional(),
      summary: z.string().max(2000).nullable().optional(),
    })
    .refine((p) => Object.keys(p).length > 0, 'give at least one field to change'),
  reason,
})

/** POST /api/incidents/:id/split: the claims that leave for a new incident. */
export const SplitBody = z.strictObject({ claimIds: z.array(z.string().min(1)).min(1).max(1000), reason })

/** POST /api/extract. */
export const ExtractBody = z.strictObject({ text: z.string().min(1), published: date.optional() })

/** What extraction finds in posted text, without storing anything. */
export const ExtractResponse = z.object({ claims: z.array(ClaimDraft), findings: z.array(Finding) })

/** A candidate incident for a claim, best first. */
export const Suggestion = z.object({ incident: Incident, score: z.number(), reasons: z.array(z.string()) })

/** Reconciled low/high sums of incident figures for one group, measure and category; `high` null = unbounded. */
export const TotalRow = z.object({
  group: z.string().nullable(),
  measure: z.enum(MEASURES),
  category: z.enum(CATEGORIES),
  low: z.number().int(),
  high: z.number().int().nullable(),
  incidents: z.number().int(),
})

/**
 * GET /api/totals. By month, `rows` hold the incidents dated within one month ("2016-05", and undated ones under null);
 * `notByMonth` holds the rest (dated only to a year, or to dates in more than one month), summed by the year their
 * dates start ("2016"), so they are shown apart instead of piling into January. Empty for the other groupings.
 */
export const TotalsResponse = z.object({ groupBy: z.enum(TOTAL_GROUPS), rows: z.array(TotalRow), notByMonth: z.array(TotalRow) })

/** GET /api/incidents/:id. */
export const IncidentDetail = z.object({
  incident: Incident,
  claims: z.array(Claim.extend({ source: SourceSummary })),
  sources: z.array(SourceSummary),
  /** Named victims, each with the reports that name them; `found` ones are listed for an editor's review. */
  victims: z.array(Victim),
  /** Pairs of those victims who may be one person (a name with and without a middle name), for an editor to decide. */
  victimSuggestions: z.array(z.object({ victims: z.array(z.string()), reason: z.string() })),
  revisions: z.array(Revision),
  /** The most precise place and date the incident's claims support without conflict, each with the claim that sets it. */
  setting: z.object({
    place: Place.nullable(),
    placeClaim: z.string().nullable(),
    date: Period,
    dateClaim: z.string().nullable(),
    placeConflict: z.array(z.string()).nullable(),
    dateConflict: z.array(z.string()).nullable(),
  }),
  /** The findings over the incident's claims, each once, with their review state: the page marks open disputes. */
  findings: z.array(Finding),
})

/** Who is calling. */
/** Body of POST /api/session: the token to sign in with (sent once; the browser keeps only the cookie). */
export const SessionBody = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9._~+/=-]{1,512}$/, 'must be an API token') })
/** A browser session as the app sees it: who, until when, and the value to send in X-CSRF-Token on writes. */
export const SessionInfo = z.object({ name: z.string(), role: z.enum(ROLES), csrf: z.string(), expiresAt: z.string() })
/** Answer of GET /api/session: the session the cookie carries, or null. */
export const SessionState = z.object({ session: SessionInfo.nullable() })
/** Answer of DELETE /api/session: whether a session was open and is now ended. */
export const SessionEnded = z.object({ ended: z.boolean() })
export const Me = z.object({ authenticated: z.boolean(), name: z.string().nullable(), role: z.enum(ROLES).nullable(), privateReads: z.boolean() })

/** GET /api/health. */
export const Health = z.object({ ok: z.boolean(), store: z.string(), version: z.string() })

/** Named schemas published under components/schemas in the OpenAPI document. */
export const NAMED_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  Period,
  Place,
  Span,
  Range,
  Source,
  SourceSummary,
  Claim,
  ClaimDraft,
  Figure,
  IncidentLink,
  Incident,
  Finding,
  Revision,
  Suggestion,
  TotalRow,
  Error: ErrorResponse,
}

/** GET /api/map: the incident filters, a zoom level, and optionally the box looked at ("west,south,east,north"). */
export const MapQuery = IncidentFilterQuery.extend({
  zoom: z.coerce.number().int().min(0).max(MAX_MAP_ZOOM).default(0),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'must be west,south,east,north in degrees')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .refine((b) => b.every((v, i) => Math.abs(v) <= (i % 2 === 0 ? 180 : 90)) && b[1] <= b[3], 'must be west,south,east,north in degrees (south not above north)')
    .optional(),
})
const Box = z.tuple([z.number(), z.number(), z.number(), z.number()])
const MapItem = z.object({
  id: z.string(),
  name: z.string().nullable(),
  precision: z.enum(PLACE_PRECISIONS),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  killedLow: z.number().int().nullable(),
  killedHigh: z.number().int().nullable(),
})
const MapSums = { count: z.number().int(), killedLow: z.number().int(), killedHigh: z.number().int().nullable(), withFigures: z.number().int(), items: z.array(MapItem) }
/** What GET /api/map answers: every matching incident, in clusters, regions and country badges (see app/map-view.ts). */
export const MapResponse = z.object({
  total: z.number().int(),
  zoom: z.number().int(),
  cellDegrees: z.number(),
  cells: z.array(z.object({ ...MapSums, lat: z.number(), lon: z.number(), precision: z.enum(PLACE_PRECISIONS), bounds: Box })),
  regions: z.array(z.object({ ...MapSums, country: z.string().nullable(), region: z.string(), lat: z.number().nullable(), lon: z.number().nullable() })),
  countries: z.array(z.object({ ...MapSums, country: z.string(), name: z.string(), lat: z.number().nullable(), lon: z.number().nullable() })),
  outside: z.number().int(),
  unplaced: z.number().int(),
  bounds: Box.nullable(),
  countryCodes: z.array(z.string()),
})

/** An incident in a list: the incident, and whether an open finding involves one of its claims. */
export const IncidentListItem = Incident.extend({ disputed: z.boolean().describe('true when an open finding involves one of its claims') })

/** GET /api/places: gazetteer entries a person may pick, each with its id, kind and the place it stands for. */
export const PlaceChoices = z.object({ items: z.array(z.object({ id: z.string(), kind: z.enum(['country', 'region', 'locality']), place: Place })) })

/** GET /api/search: sources by their words, the incidents their claims are linked to, and named victims. */
export const SearchResult = z.object({
  q: z.string(),
  sources: z.object({ total: z.number().int(), items: z.array(SourceSummary.extend({ snippet: z.string() })) }),
  incidents: z.array(z.object({ incident: Incident, sourceId: z.string(), snippet: z.string() })),
  victims: z.object({ total: z.number().int(), items: z.array(z.object({ victim: Victim, incident: Incident })) }),
})
