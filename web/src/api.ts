/** @module The HTTP client for Reckon's API: typed calls, the session's anti-forgery header on writes, and errors a person can read. */
import type { Claim, ClaimEdit, Finding, Incident, Place, Revision, Source, SourceSummary, Victim } from '../../src/domain/index.js'
import { csrfToken, refreshSession, sessionReady } from './auth.js'
import type { TotalRow } from './bands.js'

/** One page of a list, as every list endpoint returns it. */
export interface Page<T> {
  readonly items: T[]
  readonly total: number
  readonly limit: number
  readonly offset: number
}

/** A claim as the API returns it in lists and incident pages, optionally with its source summary. */
export type ApiClaim = Claim & { readonly source?: SourceSummary | null }

/** The result of ingesting a document. */
export interface IngestResult {
  readonly source: Source
  readonly claims: ApiClaim[]
  readonly created: boolean
}

/** An incident with everything the incident page shows. */
export interface IncidentDetail {
  readonly incident: Incident
  readonly claims: ApiClaim[]
  readonly sources: SourceSummary[]
  /** Named victims, each with the reports that name them. */
  readonly victims: Victim[]
  readonly revisions: Revision[]
  /** The findings over the incident's claims, with their review state. */
  readonly findings?: readonly ApiFinding[]
}

/** A ranked incident suggestion for a claim. */
export interface Suggestion {
  readonly incident: Incident
  readonly score: number
  readonly reasons: readonly string[]
}

/** A finding; the API may embed the claims it involves. */
export type ApiFinding = Omit<Finding, 'claims'> & { readonly claims: readonly (string | ApiClaim)[] }

/** A gazetteer entry a person may pick: its id, kind and the place it stands for. */
export interface PlaceChoice {
  readonly id: string
  readonly kind: 'country' | 'region' | 'locality'
  readonly place: Place
}

/** Who the current token belongs to. */
export interface Me {
  readonly authenticated: boolean
  readonly name: string | null
  readonly role: 'viewer' | 'editor' | 'admin' | null
  readonly privateReads: boolean
}


/** One incident of a small map group (GET /api/map). */
export interface MapGroupItem {
  readonly id: string
  readonly name: string | null
  readonly precision: 'exact' | 'locality' | 'district' | 'region' | 'country' | 'unknown'
  readonly lat: number | null
  readonly lon: number | null
  readonly killedLow: number | null
  readonly killedHigh: number | null
}

interface MapGroup {
  readonly count: number
  readonly killedLow: number
  readonly killedHigh: number | null
  readonly withFigures: number
  readonly items: readonly MapGroupItem[]
}

/** What GET /api/map answers: every matching incident, clustered for a zoom level (see src/app/map-view.ts). */
export interface MapData {
  readonly total: number
  readonly zoom: number
  readonly cellDegrees: number
  readonly cells: readonly (MapGroup & { lat: number; lon: number; precision: MapGroupItem['precision']; bounds: [number, number, number, number] })[]
  readonly regions: readonly (MapGroup & { country: string | null; region: string; lat: number | null; lon: number | null })[]
  readonly countries: readonly (MapGroup & { country: string; name: string; lat: number | null; lon: number | null })[]
  readonly outside: number
  readonly unplaced: number
  readonly bounds: [number, number, number, number] | null
  readonly countryCodes: readonly string[]
}

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
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  const res = await fetch(path, { method, headers, body: payload })
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
  signIn: (token: string) => call<{ name: string; role: 'viewer' | 'editor' | 'admin'; csrf: string; expiresAt: string }>('POST', '/api/session', { token }),
  ingestText: (body: { text: string; title?: string; publisher?: string; kind?: string; published?: string; url?: string }) =>
    call<IngestResult>('POST', '/api/sources', body),
  ingestFile: (form: FormData) => call<IngestResult>('POST', '/api/sources', form),
  sources: async (q: Query) => page(await call<Page<SourceSummary>>('GET', `/api/sources${qs(q)}`)),
  source: (id: string) => call<Source | { source: Source }>('GET', `/api/sources/${encodeURIComponent(id)}`).then((d) => ('source' in d && typeof d.source === 'object' ? d.source : (d as Source))),
  claims: async (q: Query) => page(await call<Page<ApiClaim>>('GET', `/api/claims${qs(q)}`)),
  accept: (id: string) => call<ApiClaim>('POST', `/api/claims/${encodeURIComponent(id)}/accept`, {}),
  reject: (id: string, reason: string) => call<ApiClaim>('POST', `/api/claims/${encodeURIComponent(id)}/reject`, { reason }),
  edit: (id: string, edit: ClaimEdit, reason: string) => call<ApiClaim>('PATCH', `/api/claims/${encodeURIComponent(id)}`, { edit, reason }),
  suggestions: async (id: string) => {
    const d = await call<Suggestion[] | { items: Suggestion[] }>('GET', `/api/claims/${encodeURIComponent(id)}/suggestions`)
    return Array.isArray(d) ? d : d.items
  },
  move: (id: string, incidentId: string | null, reason: string) => call<unknown>('POST', `/api/claims/${encodeURIComponent(id)}/move`, { incidentId, reason }),
  incidents: async (q: Query) => page(await call<Page<Incident>>('GET', `/api/incidents${qs(q)}`)),
  incident: (id: string) => call<IncidentDetail>('GET', `/api/incidents/${encodeURIComponent(id)}`),
  claim: (id: string) => call<ApiClaim>('GET', `/api/claims/${encodeURIComponent(id)}`),
  findings: async (q: Query = {}) => page(await call<Page<ApiFinding>>('GET', `/api/findings${qs(q)}`)),
  /** A page of findings with every claim they name (and its source summary), in one request. */
  findingsWithClaims: (q: Query = {}) => call<Page<ApiFinding> & { claims: ApiClaim[] }>('GET', `/api/findings${qs({ ...q, include: 'claims' })}`),
  /** An editor's review of a finding (confirm, dismiss, or reopen), kept as a revision with its reason. */
  reviewFinding: (id: string, action: 'confirm' | 'dismiss' | 'reopen', reason: string) =>
    call<ApiFinding>('POST', `/api/findings/${encodeURIComponent(id)}/${action}`, { reason }),
  /** Gazetteer places by name (or every country), for the country box and the place picker. */
  places: (q: Query) => call<{ items: PlaceChoice[] }>('GET', `/api/places${qs(q)}`),
  /** Full-text search: sources by their words, the incidents their claims are linked to, and named victims by name. */
  search: (q: string) =>
    call<{
      q: string
      sources: { total: number; items: (SourceSummary & { snippet: string })[] }
      incidents: { incident: Incident; sourceId: string; snippet: string }[]
      victims?: { total: number; items: { victim: Victim; incident: Incident }[] }
    }>(
      'GET',
      `/api/search${qs({ q })}`,
    ),
  /** An editor's correction of an incident's descriptive fields; the reason is kept with the revision. */
  updateIncident: (id: string, patch: Record<string, unknown>, reason: string) => call<Incident>('PATCH', `/api/incidents/${encodeURIComponent(id)}`, { patch, reason }),
  merge: (id: string, into: string, reason: string) => call<Incident>('POST', `/api/incidents/${encodeURIComponent(id)}/merge`, { into, reason }),
  split: (id: string, claimIds: string[], reason: string) => call<{ from: Incident; to: Incident }>('POST', `/api/incidents/${encodeURIComponent(id)}/split`, { claimIds, reason }),
  /** The map's groups of every incident matching the filters, for a zoom level and box. */
  map: (q: Query) => call<MapData>('GET', `/api/map${qs(q)}`),
  totals: (q: Query) => call<{ groupBy: string; rows: TotalRow[]; notByMonth: TotalRow[] }>('GET', `/api/totals${qs(q)}`),
}

/** Unwraps a claim answer that may come bare or as `{ claim }`. */
export function claimOf(d: unknown): ApiClaim {
  return (d && typeof d === 'object' && 'claim' in d ? (d as { claim: ApiClaim }).claim : d) as ApiClaim
}
