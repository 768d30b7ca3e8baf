/** @module Health, identity, extraction without storing, findings and the revision log. */
import { ExtractBody, ExtractResponse, Finding, FindingListQuery, FindingPage, Health, IdParams, Me, Page, RejectBody, Revision, RevisionListQuery } from '../schemas.js'
import { asClaimId, type FindingId, type SourceId } from '../../domain/ids.js'
import type { FindingStatus } from '../../domain/values.js'
import type { SourceSummary } from '../../domain/source.js'
import type { FindingFilter, Store } from '../../storage/store.js'
import { publicTextTooLarge } from '../extract-limits.js'
import { route, type AnyRoute } from '../route.js'
import { changeBy, pageOf, type RouteContext } from './context.js'

/** Source summaries (no text: a source's text can be megabytes) by id, in one read. */
async function sourceSummaries(store: Store, ids: readonly SourceId[]): Promise<Map<SourceId, SourceSummary>> {
  return new Map((await store.sources.summaries(ids)).map((s) => [s.id, s]))
}

/** Routes that are not about one kind of record. */
export function metaRoutes({ store, config, deps }: RouteContext): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/health',
      operationId: 'health',
      summary: 'Whether the server and its store answer.',
      tags: ['meta'],
      access: 'open',
      response: Health,
      handler: async () => {
        await store.schemaVersion()
        return { ok: true, store: store.kind, version: deps.version }
      },
    }),
    route({
      method: 'get',
      path: '/api/me',
      operationId: 'me',
      summary: 'Who the bearer token belongs to, and whether reads are private.',
      tags: ['meta'],
      access: 'open',
      response: Me,
      handler: async ({ principal }) =>
        Promise.resolve({ authenticated: principal !== null, name: principal?.name ?? null, role: principal?.role ?? null, privateReads: config.privateReads }),
    }),
    route({
      method: 'post',
      path: '/api/extract',
      operationId: 'extract',
      summary: 'Extracts claims (and checks them for contradictions) from posted text without storing anything. Without a token the text is limited to RECKON_PUBLIC_EXTRACT_BYTES and the route has its own rate limit.',
      tags: ['claims'],
      access: 'read',
      body: ExtractBody,
      response: ExtractResponse,
      // The body carries a whole document, so it may be as large as an uploaded one.
      maxBodyBytes: (l) => Math.max(l.json, l.document + 4096),
      handler: async ({ body, principal }) => {
        // Without a token the text is held to the public limit (a body with no declared length gets here whole).
        if (principal === null) {
          const bytes = Buffer.byteLength(body.text)
          if (bytes > config.publicExtractBytes) throw publicTextTooLarge(bytes, config.publicExtractBytes)
        }
        const r = await deps.extract(body.text, { published: body.published ?? null })
        return { claims: [...r.claims], findings: [...r.findings] }
      },
    }),
    route({
      method: 'get',
      path: '/api/findings',
      operationId: 'listFindings',
      summary: 'Contradictions and tensions found among the stored claims; with `include=claims`, the claims they name, each once, with its source.',
      tags: ['findings'],
      access: 'read',
      query: FindingListQuery,
      response: FindingPage,
      handler: async ({ query }) => {
        const f: { -readonly [K in keyof FindingFilter]: FindingFilter[K] } = {}
        if (query.kind !== undefined) f.kind = query.kind
        if (query.status !== undefined) f.status = query.status
        if (query.measure !== undefined) f.measure = query.measure
        if (query.category !== undefined) f.category = query.category
        if (query.claimId !== undefined) f.claimId = asClaimId(query.claimId)
        const page = await store.findings.list(f, pageOf(query))
        if (query.include !== 'claims') return page
        // One read for every claim on the page and one per distinct source, instead of a request per claim.
        const claims = await store.claims.getMany(page.items.flatMap((x) => x.claims))
        const sources = await sourceSummaries(store, claims.map((c) => c.sourceId))
        return { ...page, claims: claims.map((c) => ({ ...c, source: sources.get(c.sourceId) ?? null })) }
      },
    }),
    ...(
      [
        ['confirm', 'confirmed', 'Confirms a finding (the disagreement is real), with a reason, recorded as a revision.'],
        ['dismiss', 'dismissed', 'Dismisses a finding (not a real disagreement: a misread figure, two strikes taken for one), with a reason, recorded as a revision.'],
        ['reopen', 'open', 'Reopens a reviewed finding, with a reason, recorded as a revision.'],
      ] as const
    ).map(([verb, status, summary]: readonly [string, FindingStatus, string]) =>
      route({
        method: 'post',
        path: `/api/findings/:id/${verb}`,
        operationId: `${verb}Finding`,
        summary,
        tags: ['findings'],
        access: 'editor',
        params: IdParams,
        body: RejectBody,
        response: Finding,
        handler: async ({ params, body, principal }) => store.findings.review(params.id as FindingId, status, changeBy(principal, body.reason)),
      }),
    ),
    route({
      method: 'get',
      path: '/api/revisions',
      operationId: 'listRevisions',
      summary: 'The change log, newest first: one record’s history, or every recent change.',
      tags: ['revisions'],
      access: 'read',
      query: RevisionListQuery,
      response: Page(Revision),
      handler: async ({ query }) => {
        const q: { entityType?: typeof query.entityType; entityId?: string } = {}
        if (query.entityType !== undefined) q.entityType = query.entityType
        if (query.entityId !== undefined) q.entityId = query.entityId
        return store.revisions.list(q, pageOf(query))
      },
    }),
  ]
}
