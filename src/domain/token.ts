/** @module API tokens: only a hash is stored; the secret is shown once at creation. */
import type { TokenId } from './ids.js'
import type { Role } from './values.js'

export interface ApiToken {
  readonly id: TokenId
  readonly name: string
  readonly role: Role
  /** SHA-256 of the secret, hex. */
  readonly hash: string
  readonly createdAt: string
  readonly revokedAt: string | null
}

/** True when a holder of `have` may act as `need` (admin ⊃ editor ⊃ viewer). */
export function roleAllows(have: Role, need: Role): boolean {
  const order: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 }
  return order[have] >= order[need]
}
