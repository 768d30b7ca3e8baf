/** @module Paging: the page a caller asks for and the page every list returns. */

/** Largest page any list returns, whatever the caller asks for. */
export const MAX_PAGE_LIMIT = 1000
/** Page size when the caller gives none. */
export const DEFAULT_PAGE_LIMIT = 50

/** Which slice of a list to return. `limit` is clamped to 1..MAX_PAGE_LIMIT, `offset` to ≥ 0. */
export interface PageRequest {
  readonly limit?: number
  readonly offset?: number
}

/** One page of a list, with the total number of matching rows. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly total: number
  readonly limit: number
  readonly offset: number
}

/** Clamps a page request to the limits every adapter applies. */
export function pageBounds(p: PageRequest | undefined): { limit: number; offset: number } {
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.trunc(p?.limit ?? DEFAULT_PAGE_LIMIT)))
  const offset = Math.max(0, Math.trunc(p?.offset ?? 0))
  return { limit, offset }
}
