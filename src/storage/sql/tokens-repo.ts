/** @module API tokens: stored as the SHA-256 of their secret, which is shown once, when made. */
import { createHash, randomBytes } from 'node:crypto'
import { NotFound } from '../../domain/errors.js'
import type { TokenId } from '../../domain/ids.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { ApiToken } from '../../domain/token.js'
import type { Role } from '../../domain/values.js'
import type { CreatedToken, TokenRepo } from '../store.js'
import type { Executor } from './executor.js'
import { revise } from './revisions-repo.js'
import { tokenFromRow } from './rows.js'
import type { Scope } from './scope.js'
import { newId, now } from './sql-util.js'

/** The tokens repository over a scope. */
export function tokensRepo(s: Scope): TokenRepo {
  const { x } = s
  return {
    create: (name, role, ctx) => createToken(x, name, role, ctx),
    verify: async (secret) => {
      const r = await x.get('SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL', [hashSecret(secret)])
      return r === undefined ? null : tokenFromRow(r)
    },
    list: async () => (await x.all('SELECT * FROM tokens ORDER BY created_at, id')).map(tokenFromRow),
    revoke: (id, ctx) => revokeToken(x, id, ctx),
  }
}

async function createToken(x0: Executor, name: string, role: Role, ctx: ChangeContext): Promise<CreatedToken> {
  return x0.transaction(async (x) => {
    const token = `rk_${randomBytes(24).toString('base64url')}`
    const record: ApiToken = { id: newId('tok_') as TokenId, name, role, hash: hashSecret(token), createdAt: now(), revokedAt: null }
    await x.run('INSERT INTO tokens (id, name, role, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      record.id,
      name,
      role,
      record.hash,
      record.createdAt,
    ])
    // The revision names the token, never its secret or hash.
    await revise(x, 'token', record.id, 'create', ctx, null, { name, role })
    return { token, record }
  })
}

async function revokeToken(x0: Executor, id: TokenId, ctx: ChangeContext): Promise<ApiToken> {
  return x0.transaction(async (x) => {
    const r = await x.get('SELECT * FROM tokens WHERE id = ?', [id])
    if (r === undefined) throw new NotFound('token', id)
    const before = tokenFromRow(r)
    if (before.revokedAt !== null) return before
    const at = now()
    await x.run('UPDATE tokens SET revoked_at = ? WHERE id = ?', [at, id])
    await revise(x, 'token', id, 'revoke', ctx, { revokedAt: null }, { revokedAt: at })
    return { ...before, revokedAt: at }
  })
}

/** SHA-256 of a token secret, hex: what the tokens table stores. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}
