/** @module What every route group receives, and small helpers shared by the handlers. */
import type { Config } from '../../config.js'
import { DomainError, NotFound } from '../../domain/errors.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { IncidentFilter, PageRequest, Store } from '../../storage/store.js'
import type { ApiDeps } from '../deps.js'
import type { Principal } from '../route.js'

/** The store, config and use cases the routes are built over. */
export interface RouteContext {
  readonly store: Store
  readonly config: Readonly<Config>
  readonly deps: ApiDeps
}

/** The revision context of a write: the token's name as actor and the caller's reason. */
export function changeBy(principal: Principal | null, why: string | null): ChangeContext {
  // Write routes require a role, so a missing principal here is a wiring bug, not a client error.
  if (principal === null) throw new DomainError('internal_error', 'write without a principal')
  return { actor: principal.name, why }
}

/** Returns the value or throws not_found naming the entity. */
export function found<T>(v: T | null | undefined, entity: string, id: string): T {
  if (v === null || v === undefined) throw new NotFound(entity, id)
  return v
}

/** The incident filter fields of a validated query. */
export function incidentFilter(q: {
  from?: string | undefined
  to?: string | undefined
  country?: string | undefined
  actor?: string | undefined
  category?: IncidentFilter['category'] | undefined
  grade?: IncidentFilter['grade'] | undefined
  minCasualties?: number | undefined
}): IncidentFilter {
  const f: { -readonly [K in keyof IncidentFilter]: IncidentFilter[K] } = {}
  if (q.from !== undefined) f.from = q.from
  if (q.to !== undefined) f.to = q.to
  if (q.country !== undefined) f.country = q.country
  if (q.actor !== undefined) f.actor = q.actor
  if (q.category !== undefined) f.category = q.category
  if (q.grade !== undefined) f.grade = q.grade
  if (q.minCasualties !== undefined) f.minCasualties = q.minCasualties
  return f
}

/** The page window of a validated query. */
export const pageOf = (q: { limit: number; offset: number }): PageRequest => ({ limit: q.limit, offset: q.offset })
