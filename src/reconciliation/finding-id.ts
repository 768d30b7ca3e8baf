/** @module Stable finding ids: the same kind over the same claims always gets the same id, in any store. */
import type { FindingId, FindingKind } from '../domain/index.js'

/** A deterministic id (`fnd_` + 16 hex digits of two FNV-1a hashes) for a finding over a set of claims. */
export function findingId(kind: FindingKind, claims: readonly string[]): FindingId {
  const text = `${kind}|${[...claims].sort().join('|')}`
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
  }
  return `fnd_${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}` as FindingId
}
