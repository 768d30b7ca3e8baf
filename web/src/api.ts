/** @module The HTTP client for Reckon's API: typed calls, the session's anti-forgery header on writes, and errors a person can read. */
import type * as W from '../../src/api/wire-types.js'
import { csrfToken, refreshSession, sessionReady } from './auth.js'

// The API's shapes, inferred from the zod schemas the server validates with (src/api/wire-types.ts): the pages
// import them from here, so a changed schema is a type error where a page reads it.
export type { Claim, ClaimEdit, Figure, Finding, Incident, Page, Period, Place, Revision, Source, SourceSummary, TotalRow, Victim } from '../../src/api/wire-types.js'

/** A claim as the API returns it in lists and incident pages, optionally with its source summary. */
export type ApiClaim = W.Claim & { readonly source?: W.SourceSummary | null }
/** The result of ingesting a document. */
export type IngestResult = W.CreateSourceResponse
/** An incident with everything the incident page shows. */
export type IncidentDetail = W.IncidentDetail
/** An incident in the incident list, with its open-dispute mark. */
export type IncidentListItem = W.IncidentListItem
/** A ranked incident suggestion for a claim. */
export type Suggestion = W.Suggestion
/** A finding with its review state. */
export type ApiFinding = W.Finding
/** A gazetteer entry a person may pick: its id, kind and the place it stands for. */
export type PlaceChoice = W.PlaceChoices['items'][number]
/** Who the current session belongs to. */
export type Me = W.Me
/** What GET /api/map answers: every matching incident, clustered for a zoom level (see src/app/map-view.ts). */
export type MapData = W.MapResponse
/** One incident of a small map group (GET /api/map). */
export type MapGroupItem = MapData['cells'][number]['items'][number]
type Page<T> = W.Page<T>

/** An API error with its HTTP status and stable code, so the UI can say what went wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

type Query = Record<string, string | number | null | undefined>

/** Builds a query string, leaving out empty values. */
export function qs(q: Query): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

/** One API call: JSON in and out, the session's anti-forgery header on writes, a failure thrown as an ApiError a person can read. */
export async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  // The session cookie goes by itself (same origin); a write must also prove it comes from this page.
  if (method !== 'GET') {
    await sessionReady()
    const csrf = csrfToken()
    if (csrf) headers['x-csrf-token'] = csrf
  }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(path, { method, headers, body: payload, ...(signal ? { signal } : {}) })
  const text = await res.text()
  let data: unknown = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    // A non-JSON answer (a proxy's HTML error page) is reported by status below.
  }
  if (!res.ok) {
    // Signed out in another tab, expired, or its token revoked: show the page as it now is.
    if (res.status === 401 && method !== 'GET') void refreshSession()
    const err = (data as { error?: { code?: string; message?: string } | string; message?: string } | null) ?? {}
    const e = typeof err.error === 'object' ? err.error : { code: typeof err.error === 'string' ? err.error : undefined, message: err.message }
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${method} ${path} failed (${res.status})`)
  }
  return data as T
}

/** Normalises list answers: a Page, or a bare array from a simpler endpoint. */
function page<T>(data: Page<T> | T[] | { items: T[] }): Page<T> {
  if (Array.isArray(data)) return { items: data, total: data.length, limit: data.length, offset: 0 }
  const d = data as Partial<Page<T>> & { items: T[] }
  return { items: d.items, total: d.total ?? d.items.length, limit: d.limit ?? d.items.length, offset: d.offset ?? 0 }
}

/** Filters shared by the incidents table, the map and the timeline. */
export interface IncidentFilter {
  from?: string
  to?: string
  country?: string
  actor?: string
  category?: string
  grade?: string
  minCasualties?: string
}

export const api = {
  me: () => call<Me>('GET', '/api/me'),
  /** Exchanges a token for a session cookie (HttpOnly: the page never holds the token again). */
  signIn: (token: string) => call<W.SessionInfo>('POST', '/api/session', { token }),
  ingestText: (body: { text: string; title?: string; publisher?: string; kind?: string; published?: string; url?: string }) =>
    call<IngestResult>('POST', '/api/sources', body),
  ingestFile: (form: FormData) => call<IngestResult>('POST', '/api/sources', form),
  sources: async (q: Query) => page(await call<Page<W.SourceSummary>>('GET', `/api/sources${qs(q)}`)),
  source: (id: string) => call<W.Source | { source: W.Source }>('GET', `/api/sources/${encodeURIComponent(id)}`).then((d) => ('source' in d && typeof d.source === 'object' ? d.source : (d as W.Source))),
  claims: async (q: Query) => page(await call<Page<ApiClaim>>('GET', `/api/claims${qs(q)}`)),
  accept: (id: string) => call<ApiClaim>('POST', `/api/claims/${encodeURIComponent(id)}/accept`, {}),
  reject: (id: string, reason: string) => call<ApiClaim>('POST', `/api/claims/${encodeURIComponent(id)}/reject`, { reason }),
  edit: (id: string, edit: W.ClaimEdit, reason: string) => call<ApiClaim>('PATCH', `/api/claims/${encodeURIComponent(id)}`, { edit, reason }),
  suggestions: async (id: string) => {
    const d = await call<Suggestion[] | { items: Suggestion[] }>('GET', `/api/claims/${encodeURIComponent(id)}/suggestions`)
    return Array.isArray(d) ? d : d.items
  },
  move: (id: string, incidentId: string | null, reason: string) => call<unknown>('POST', `/api/claims/${encodeURIComponent(id)}/move`, { incidentId, reason }),
  incidents: async (q: Query) => page(await call<Page<IncidentListItem>>('GET', `/api/incidents${qs(q)}`)),
  incident: (id: string) => call<IncidentDetail>('GET', `/api/incidents/${encodeURIComponent(id)}`),
  claim: (id: string) => call<ApiClaim>('GET', `/api/claims/${encodeURIComponent(id)}`),
  findings: async (q: Query = {}) => page(await call<Page<ApiFinding>>('GET', `/api/findings${qs(q)}`)),
  /** A page of findings with every claim they name (and its source summary), in one request. */
  findingsWithClaims: (q: Query = {}) => call<W.FindingPage & { claims: ApiClaim[] }>('GET', `/api/findings${qs({ ...q, include: 'claims' })}`),
  /** An editor's review of a finding (confirm, dismiss, or reopen), kept as a revision with its reason. */
  reviewFinding: (id: string, action: 'confirm' | 'dismiss' | 'reopen', reason: string) =>
    call<ApiFinding>('POST', `/api/findings/${encodeURIComponent(id)}/${action}`, { reason }),
  /** Gazetteer places by name (or every country), for the country box and the place picker. */
  places: (q: Query) => call<W.PlaceChoices>('GET', `/api/places${qs(q)}`),
  /** Full-text search: sources by their words, the incidents their claims are linked to, and named victims by name. */
  search: (q: string) => call<W.SearchResult>('GET', `/api/search${qs({ q })}`),
  /** An editor's correction of an incident's descriptive fields; the reason is kept with the revision. */
  updateIncident: (id: string, patch: Record<string, unknown>, reason: string) => call<W.Incident>('PATCH', `/api/incidents/${encodeURIComponent(id)}`, { patch, reason }),
  merge: (id: string, into: string, reason: string) => call<W.Incident>('POST', `/api/incidents/${encodeURIComponent(id)}/merge`, { into, reason }),
  split: (id: string, claimIds: string[], reason: string) => call<{ from: W.Incident; to: W.Incident }>('POST', `/api/incidents/${encodeURIComponent(id)}/split`, { claimIds, reason }),
  /** The map's groups of every incident matching the filters, for a zoom level and box. */
  map: (q: Query, signal?: AbortSignal) => call<MapData>('GET', `/api/map${qs(q)}`, undefined, signal),
  /** Casualty totals grouped by year, month, country or actor; `signal` abandons an answer no longer wanted. */
  totals: (q: Query, signal?: AbortSignal) => call<W.TotalsResponse>('GET', `/api/totals${qs(q)}`, undefined, signal),
}

/** Unwraps a claim answer that may come bare or as `{ claim }`. */
export function claimOf(d: unknown): ApiClaim {
  return (d && typeof d === 'object' && 'claim' in d ? (d as { claim: ApiClaim }).claim : d) as ApiClaim
}
