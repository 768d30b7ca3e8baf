/** @module Named victims: one with its reports; an editor adds, corrects, accepts or rejects, and removes them, each a revision with a reason. */
import { asClaimId, asIncidentId, asVictimId } from '../../domain/ids.js'
import type { VictimPatch } from '../../storage/store.js'
import { IdParams } from '../schemas.js'
import { Victim, VictimAddBody, VictimPatchBody, VictimRemoveBody, VictimReviewBody } from '../victim-schemas.js'
import { route, type AnyRoute } from '../route.js'
import { changeBy, found, type RouteContext } from './context.js'

/** Victim routes. */
export function victimRoutes({ store }: RouteContext): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/victims/:id',
      operationId: 'getVictim',
      summary: 'One named victim with every report (source, claim, name as written, quote) that names them.',
      tags: ['victims'],
      access: 'read',
      params: IdParams,
      response: Victim,
      handler: async ({ params }) => found(await store.victims.get(asVictimId(params.id)), 'victim', params.id),
    }),
    route({
      method: 'post',
      path: '/api/incidents/:id/victims',
      operationId: 'addVictim',
      summary: 'Adds a named victim to an incident (accepted), optionally citing a claim of the incident that names them; a name the incident already lists (in any transliteration) is a conflict.',
      tags: ['victims'],
      access: 'editor',
      params: IdParams,
      body: VictimAddBody,
      response: Victim,
      status: 201,
      handler: async ({ params, body, principal }) => {
        const v = body.victim
        const fields = { name: v.name, age: v.age ?? null, sex: v.sex ?? null, relation: v.relation || null, fate: v.fate ?? 'killed' }
        const cite = body.claimId === undefined || body.claimId === null ? null : asClaimId(body.claimId)
        return store.victims.add(asIncidentId(params.id), fields, changeBy(principal, body.reason), cite)
      },
    }),
    route({
      method: 'patch',
      path: '/api/victims/:id',
      operationId: 'updateVictim',
      summary: 'Corrects a victim’s name, age, sex, relation or fate; the change is a revision carrying `reason`.',
      tags: ['victims'],
      access: 'editor',
      params: IdParams,
      body: VictimPatchBody,
      response: Victim,
      handler: async ({ params, body, principal }) => {
        const p = body.patch
        const patch: { -readonly [K in keyof VictimPatch]: VictimPatch[K] } = {}
        if (p.name !== undefined) patch.name = p.name
        if (p.age !== undefined) patch.age = p.age
        if (p.sex !== undefined) patch.sex = p.sex
        if (p.relation !== undefined) patch.relation = p.relation || null
        if (p.fate !== undefined) patch.fate = p.fate
        return store.victims.edit(asVictimId(params.id), patch, changeBy(principal, body.reason))
      },
    }),
    route({
      method: 'post',
      path: '/api/victims/:id/review',
      operationId: 'reviewVictim',
      summary: 'Accepts or rejects a named victim (or lists it for review again), with a reason.',
      tags: ['victims'],
      access: 'editor',
      params: IdParams,
      body: VictimReviewBody,
      response: Victim,
      handler: async ({ params, body, principal }) => store.victims.review(asVictimId(params.id), body.review, changeBy(principal, body.reason)),
    }),
    route({
      method: 'post',
      path: '/api/victims/:id/remove',
      operationId: 'removeVictim',
      summary: 'Takes a victim off its incident’s list, with a reason; the record is kept, marked removed.',
      tags: ['victims'],
      access: 'editor',
      params: IdParams,
      body: VictimRemoveBody,
      response: Victim,
      handler: async ({ params, body, principal }) => store.victims.remove(asVictimId(params.id), changeBy(principal, body.reason)),
    }),
  ]
}
