/**
 * @module The API's shapes as TypeScript types, inferred from the zod schemas the server validates with: the web
 * app imports these (types only), so a change to a schema is a type error in the page that reads it, not a silent drift.
 */
import type { z } from 'zod'
import type * as S from './schemas.js'
import type * as V from './victim-schemas.js'

type Out<T extends z.ZodType> = z.output<T>

/** A span of days as the API sends it. */
export type Period = Out<typeof S.Period>
/** A place as the API sends it. */
export type Place = Out<typeof S.Place>
/** A stored source with its text. */
export type Source = Out<typeof S.Source>
/** A source without its text, as lists and embeds carry it. */
export type SourceSummary = Out<typeof S.SourceSummary>
/** A casualty claim. */
export type Claim = Out<typeof S.Claim>
/** A reconciled figure of an incident. */
export type Figure = Out<typeof S.Figure>
/** An incident (strike) with its figures. */
export type Incident = Out<typeof S.Incident>
/** An incident in the incident list, with its open-dispute mark. */
export type IncidentListItem = Out<typeof S.IncidentListItem>
/** A finding, with its review state. */
export type Finding = Out<typeof S.Finding>
/** A page of findings, optionally with every claim they name. */
export type FindingPage = Out<typeof S.FindingPage>
/** One recorded change. */
export type Revision = Out<typeof S.Revision>
/** A named victim with the reports that name them. */
export type Victim = Out<typeof V.Victim>
/** What POST /api/sources answers. */
export type CreateSourceResponse = Out<typeof S.CreateSourceResponse>
/** A ranked incident suggestion for a claim. */
export type Suggestion = Out<typeof S.Suggestion>
/** One summed group of the totals. */
export type TotalRow = Out<typeof S.TotalRow>
/** What GET /api/totals answers. */
export type TotalsResponse = Out<typeof S.TotalsResponse>
/** What GET /api/incidents/{id} answers. */
export type IncidentDetail = Out<typeof S.IncidentDetail>
/** What POST /api/session answers. */
export type SessionInfo = Out<typeof S.SessionInfo>
/** What GET /api/session answers: the browser's session, or null. */
export type SessionState = Out<typeof S.SessionState>
/** What GET /api/me answers. */
export type Me = Out<typeof S.Me>
/** What GET /api/map answers. */
export type MapResponse = Out<typeof S.MapResponse>
/** What GET /api/places answers. */
export type PlaceChoices = Out<typeof S.PlaceChoices>
/** What GET /api/search answers. */
export type SearchResult = Out<typeof S.SearchResult>
/** A claim edit as PATCH /api/claims/{id} accepts it. */
export type ClaimEdit = z.input<typeof S.EditClaimBody>['edit']
/** A page of a list. */
export interface Page<T> {
  readonly items: T[]
  readonly total: number
  readonly limit: number
  readonly offset: number
}
