/** @module The findings, revisions, tokens and sessions repositories. */
import type { Finding } from '../../domain/finding.js'
import type { ClaimId, FindingId, IncidentId, TokenId } from '../../domain/ids.js'
import type { ChangeContext, EntityType, Revision } from '../../domain/revision.js'
import type { ApiToken } from '../../domain/token.js'
import type { Category, FindingKind, FindingStatus, Measure, Role } from '../../domain/values.js'
import type { Page, PageRequest } from './page.js'

/** Which findings to list. */
export interface FindingFilter {
  readonly kind?: FindingKind
  /** Review state: `open` takes findings never reviewed as well as reopened ones. */
  readonly status?: FindingStatus
  readonly measure?: Measure
  readonly category?: Category
  /** Findings involving this claim. */
  readonly claimId?: ClaimId
}

/**
 * Consistency findings: derived, replaced as a whole by each check run. Several processes may check one database at
 * once: each run takes a generation before it reads any claim, and only the latest-begun run's findings are kept.
 */
export interface FindingRepo {
  /**
   * Begins a check run: its generation, higher than that of every run begun before (in any process). Take it before
   * reading the claims the findings come from.
   */
  beginCheck(): Promise<number>
  /**
   * Replaces every stored finding with these, in one transaction serialised with every other replacement, unless
   * a run begun later has already stored its own: then nothing changes and it resolves false.
   */
  replaceAll(findings: readonly Finding[], generation: number): Promise<boolean>
  /** Findings in the order they were given to replaceAll, each with its review state. */
  list(filter?: FindingFilter, page?: PageRequest): Promise<Page<Finding>>
  /**
   * An editor confirms, dismisses or reopens a stored finding, with a reason, recorded as a revision; the review
   * stays with the finding's id (its kind and claims) across later check runs. Throws NotFound for an unknown id.
   */
  review(id: FindingId, status: FindingStatus, ctx: ChangeContext): Promise<Finding>
  /** Of `ids`, the incidents that carry an open finding (one over any of their claims): the list's dispute mark. */
  disputedAmong(ids: readonly IncidentId[]): Promise<Set<IncidentId>>
}

/** Which revisions to list: one entity's history, or (with nothing given) the most recent changes anywhere. */
export interface RevisionQuery {
  readonly entityType?: EntityType
  readonly entityId?: string
  /** Any of these records: one history for an incident and its claims, newest first across all of them. */
  readonly of?: readonly RevisionSubject[]
}

/** One record whose revisions are asked for. */
export interface RevisionSubject {
  readonly entityType: EntityType
  readonly entityId: string
}

/** The change log. Newest first. */
export interface RevisionRepo {
  list(q?: RevisionQuery, page?: PageRequest): Promise<Page<Revision>>
}

/** A newly created token: the secret is returned once here and never stored. */
export interface CreatedToken {
  readonly token: string
  readonly record: ApiToken
}

/** API tokens, stored as SHA-256 hashes of their secrets. */
export interface TokenRepo {
  create(name: string, role: Role, ctx: ChangeContext): Promise<CreatedToken>
  /** The token a secret belongs to, or null when unknown or revoked. */
  verify(secret: string): Promise<ApiToken | null>
  list(): Promise<ApiToken[]>
  /** Revokes a token (kept, never deleted); throws not_found. */
  revoke(id: TokenId, ctx: ChangeContext): Promise<ApiToken>
}

/** A signed-in browser session: who it acts for, its anti-forgery value, and when it ends. */
export interface SignInSession {
  readonly token: ApiToken
  /** Sent back by the app in a header on every write; a cross-site form cannot know it. */
  readonly csrf: string
  readonly createdAt: string
  readonly expiresAt: string
}

/**
 * Browser sessions, each issued for a token and kept as the SHA-256 of its secret (the cookie's value). Sessions are
 * credentials, not recorded facts: starting and ending one writes no revision, as checking a token writes none.
 */
export interface SessionRepo {
  /** Starts a session for a valid token, lasting `ttlMs`; the secret is returned once, here, and never stored. */
  start(tokenId: TokenId, ttlMs: number): Promise<{ secret: string; session: SignInSession }>
  /** The session a secret belongs to, or null when unknown, ended, expired, or its token is revoked. */
  find(secret: string): Promise<SignInSession | null>
  /** Ends a session at once (kept, marked ended); true when one was open. */
  end(secret: string): Promise<boolean>
}
