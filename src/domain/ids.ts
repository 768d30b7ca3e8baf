/** @module Branded identifiers, so a ClaimId cannot be passed where an IncidentId is wanted. */

export type SourceId = string & { readonly __brand: 'SourceId' }
export type ClaimId = string & { readonly __brand: 'ClaimId' }
export type IncidentId = string & { readonly __brand: 'IncidentId' }
export type FindingId = string & { readonly __brand: 'FindingId' }
export type RevisionId = string & { readonly __brand: 'RevisionId' }
export type TokenId = string & { readonly __brand: 'TokenId' }
export type VictimId = string & { readonly __brand: 'VictimId' }

/** Id prefixes: ids read as what they name in logs, URLs and exports. */
export const ID_PREFIX = { source: 'src_', claim: 'clm_', incident: 'inc_', finding: 'fnd_', revision: 'rev_', token: 'tok_', victim: 'vic_' } as const

export const asSourceId = (s: string): SourceId => s as SourceId
export const asClaimId = (s: string): ClaimId => s as ClaimId
export const asIncidentId = (s: string): IncidentId => s as IncidentId
export const asFindingId = (s: string): FindingId => s as FindingId
export const asRevisionId = (s: string): RevisionId => s as RevisionId
export const asTokenId = (s: string): TokenId => s as TokenId
export const asVictimId = (s: string): VictimId => s as VictimId
