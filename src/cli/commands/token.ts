/** @module `reckon token`: create (printing the secret once), list and revoke API tokens. */
import type { Command } from 'commander'
import { DomainError } from '../../domain/errors.js'
import { asTokenId } from '../../domain/ids.js'
import { ROLES, isOneOf } from '../../domain/values.js'
import type { CliContext } from '../context.js'
import { println } from '../io.js'
import { openCliStore } from './db.js'

/** Registers `reckon token` and its subcommands. */
export function tokenCommand(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('API tokens: only a hash is stored, the secret is shown once')
  token
    .command('create')
    .description('create a token and print its secret (once: it cannot be shown again)')
    .requiredOption('--name <name>', 'who holds it; recorded as the author of every change made with it')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'viewer')
    .action(async (o: { name: string; role: string }) => {
      if (!isOneOf(ROLES, o.role)) throw new DomainError('invalid_input', `--role must be one of ${ROLES.join(', ')} (got "${o.role}")`)
      const name = o.name.trim()
      if (name === '' || name.length > 200) throw new DomainError('invalid_input', '--name must be 1 to 200 characters')
      const store = await openCliStore(ctx)
      const created = await store.tokens.create(name, o.role, { actor: 'cli', why: 'reckon token create' })
      println(ctx.io.stderr, `created ${created.record.id} (${created.record.role}) for ${created.record.name}; keep this secret, it is not shown again:`)
      println(ctx.io.stdout, created.token)
    })
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async () => {
      const store = await openCliStore(ctx)
      for (const t of await store.tokens.list()) {
        println(ctx.io.stdout, `${t.id}  ${t.role.padEnd(6)}  ${t.revokedAt === null ? 'active ' : 'revoked'}  ${t.name}`)
      }
    })
  token
    .command('revoke <id>')
    .description('revoke a token (kept in the record, no longer accepted)')
    .action(async (id: string) => {
      const store = await openCliStore(ctx)
      const t = await store.tokens.revoke(asTokenId(id), { actor: 'cli', why: 'reckon token revoke' })
      println(ctx.io.stdout, `revoked ${t.id} (${t.name})`)
    })
}
