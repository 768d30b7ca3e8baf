/** @module Revisions: every change, with who, when, why, and the values before and after. Nothing is deleted. */
import type { RevisionId } from './ids.js'

export const ENTITY_TYPES = ['source', 'claim', 'incident', 'token', 'import', 'finding', 'victim'] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

/** Who makes a change and why; passed down to every write. */
export interface ChangeContext {
  /** A token's name, a person, or a process such as "cli" or "worker:host-123". Never a secret. */
  readonly actor: string
  readonly why?: string | null
}

/** One recorded change. */
export interface Revision {
  readonly id: RevisionId
  readonly entityType: EntityType
  readonly entityId: string
  readonly action: string
  readonly actor: string
  readonly at: string
  readonly why: string | null
  readonly before: unknown
  readonly after: unknown
}
