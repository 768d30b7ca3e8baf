/** @module Claims: list with filters, and the reviewer's writes (accept, reject, edit, move), each a revision. */
import { claimEdit, type Claim } from '../../domain/claim.js'
import { asClaimId, asIncidentId } from '../../domain/ids.js'
import { editClaim, moveClaim, reviewClaim } from '../../app/edit-claims.js'
import type { ClaimStatus } from '../../domain/values.js'
import type { ClaimFilter, Store } from '../../storage/store.js'
import { AcceptBody, Claim as ClaimSchema, ClaimListQuery, EditClaimBody, IdParams, MoveClaimBody, Page, RejectBody, Suggestion } from '../schemas.js'
import { route, type AnyRoute } from '../route.js'
import { changeBy, found, pageOf, type RouteContext } from './context.js'
import { z } from 'zod'

/** Claim routes. */
export function claimRoutes({ store, deps }: RouteContext): AnyRoute[] {
  const getClaim = async (s: Store, id: string): Promise<Claim> => found(await s.claims.get(asClaimId(id)), 'claim', id)
  const review = (status: ClaimStatus, why: (reason: string | undefined) => string) =>
    async ({ params, body, principal }: { params: { id: string }; body: { reason?: string | undefined }; principal: Parameters<typeof changeBy>[0] }) =>
      reviewClaim(store, asClaimId(params.id), status, changeBy(principal, why(body.reason)))

  return [
    route({
      method: 'get',
      path: '/api/claims',
      operationId: 'listClaims',
      summary: 'Claims matching every given filter, in the order they were stored.',
      tags: ['claims'],
      access: 'read',
      query: ClaimListQuery,
      response: Page(ClaimSchema),
      handler: async ({ query }) => {
        const f: { -readonly [K in keyof ClaimFilter]: ClaimFilter[K] } = {}
        if (query.sourceId !== undefined) f.sourceId = query.sourceId as ClaimFilter['sourceId']
        if (query.incidentId !== undefined) f.incidentId = asIncidentId(query.incidentId)
        if (query.status !== undefined) f.status = query.status
        if (query.measure !== undefined) f.measure = query.measure
        if (query.category !== undefined) f.category = query.category
        if (query.scope !== undefined) f.scope = query.scope
        return store.claims.list(f, pageOf(query))
      },
    }),
    route({
      method: 'get',
      path: '/api/claims/:id',
      operationId: 'getClaim',
      summary: 'One claim.',
      tags: ['claims'],
      access: 'read',
      params: IdParams,
      response: ClaimSchema,
      handler: async ({ params }) => getClaim(store, params.id),
    }),
    route({
      method: 'post',
      path: '/api/claims/:id/accept',
      operationId: 'acceptClaim',
      summary: 'Marks a claim accepted.',
      tags: ['claims'],
      access: 'editor',
      params: IdParams,
      body: AcceptBody,
      response: ClaimSchema,
      handler: review('accepted', (r) => r ?? 'accepted'),
    }),
    route({
      method: 'post',
      path: '/api/claims/:id/reject',
      operationId: 'rejectClaim',
      summary: 'Rejects a claim: it is kept but no longer counts in any figure or check.',
      tags: ['claims'],
      access: 'editor',
      params: IdParams,
      body: RejectBody,
      response: ClaimSchema,
      handler: review('rejected', (r) => r ?? 'rejected'),
    }),
    route({
      method: 'patch',
      path: '/api/claims/:id',
      operationId: 'editClaim',
      summary: 'Changes a claim’s fields (not its quote or span), with a reason.',
      tags: ['claims'],
      access: 'editor',
      params: IdParams,
      body: EditClaimBody,
      response: ClaimSchema,
      handler: async ({ params, body, principal }) =>
        editClaim(store, asClaimId(params.id), (claim) => claimEdit(body.edit, claim, 'body.edit'), changeBy(principal, body.reason)),
    }),
    route({
      method: 'get',
      path: '/api/claims/:id/suggestions',
      operationId: 'claimSuggestions',
      summary: 'Incidents the claim might belong to, best first.',
      tags: ['claims'],
      access: 'read',
      params: IdParams,
      response: z.array(Suggestion),
      handler: async ({ params }) => [...(await deps.suggest(store, await getClaim(store, params.id)))],
    }),
    route({
      method: 'post',
      path: '/api/claims/:id/move',
      operationId: 'moveClaim',
      summary: 'Moves a claim to another incident, or to a new incident when `incidentId` is null.',
      tags: ['claims'],
      access: 'editor',
      params: IdParams,
      body: MoveClaimBody,
      response: ClaimSchema,
      handler: async ({ params, body, principal }) =>
        moveClaim(store, asClaimId(params.id), body.incidentId === null ? null : asIncidentId(body.incidentId), changeBy(principal, body.reason)),
    }),
  ]
}
