/**
 * @module Browser sign-in sessions over SQL (migration 13): the cookie's secret is stored only as its SHA-256; a session
 * is usable while it is not ended, not expired, and its token is not revoked.
 */
import { createHash, randomBytes } from 'node:crypto'
import { DomainError } from '../../domain/errors.js'
import type { TokenId } from '../../domain/ids.js'
import type { ApiToken } from '../../domain/token.js'
import type { Role } from '../../domain/values.js'
import type { SessionRepo, SignInSession } from '../store.js'
import type { Row } from './executor.js'
import type { Scope } from './scope.js'

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')

// The token's columns renamed, so one join reads the session and the token it acts for without clashing names.
const SESSION_SELECT = `SELECT s.csrf, s.created_at, s.expires_at, t.id AS token_id, t.name AS token_name, t.role AS token_role,
  t.hash AS token_hash, t.created_at AS token_created_at, t.revoked_at AS token_revoked_at
  FROM sessions s JOIN tokens t ON t.id = s.token_id`

function sessionFromRow(r: Row): SignInSession {
  const token: ApiToken = {
    id: String(r.token_id) as TokenId,
    name: String(r.token_name),
    role: String(r.token_role) as Role,
    hash: String(r.token_hash),
    createdAt: String(r.token_created_at),
    // Always null here: the query leaves out revoked tokens.
    revokedAt: typeof r.token_revoked_at === 'string' ? r.token_revoked_at : null,
  }
  return { token, csrf: String(r.csrf), createdAt: String(r.created_at), expiresAt: String(r.expires_at) }
}

/** The sessions repository over a scope (the same SQL on both dialects). */
export function sessionRepo(s: Scope): SessionRepo {
  const { x } = s
  const find = async (secret: string, at: string): Promise<SignInSession | null> => {
    // ISO timestamps in UTC compare as text in both dialects.
    const r = await x.get(`${SESSION_SELECT} WHERE s.hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND t.revoked_at IS NULL`, [sha256(secret), at])
    return r === undefined ? null : sessionFromRow(r)
  }
  return {
    start: async (tokenId, ttlMs) => {
      const secret = `rks_${randomBytes(32).toString('base64url')}`
      const csrf = randomBytes(24).toString('base64url')
      const created = new Date()
      const createdAt = created.toISOString()
      const expiresAt = new Date(created.getTime() + ttlMs).toISOString()
      await x.run('INSERT INTO sessions (hash, token_id, csrf, created_at, expires_at, ended_at) VALUES (?, ?, ?, ?, ?, NULL)', [
        sha256(secret),
        tokenId,
        csrf,
        createdAt,
        expiresAt,
      ])
      const session = await find(secret, createdAt)
      // The token was revoked between its check and this insert: the session never counts.
      if (session === null) throw new DomainError('unauthenticated', 'the token was revoked')
      return { secret, session }
    },
    find: (secret) => find(secret, new Date().toISOString()),
    end: async (secret) => (await x.run('UPDATE sessions SET ended_at = ? WHERE hash = ? AND ended_at IS NULL', [new Date().toISOString(), sha256(secret)])) > 0,
  }
}
