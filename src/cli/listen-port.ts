/**
 * @module Checks that `serve` and `demo` can listen before they do any work, and turns the listen errors a user can
 * cause (a busy or privileged port) into one line naming the cause and the fix.
 */
import { createServer } from 'node:net'
import { DomainError } from '../domain/errors.js'

/** The DomainError for a listen failure a user can fix, or null for anything else. */
export function listenProblem(e: unknown, host: string, port: number): DomainError | null {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  const fix = 'choose another with --port N or RECKON_PORT=N (0 picks any free port)'
  if (code === 'EADDRINUSE') return new DomainError('port_in_use', `port ${port} on ${host} is already in use by another program: stop it, or ${fix}`, { cause: e })
  if (code === 'EACCES') return new DomainError('port_in_use', `port ${port} on ${host} needs privileges this user lacks: ${fix}`, { cause: e })
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new DomainError('port_in_use', `cannot listen on ${host}: no such address on this machine; choose another with --host or RECKON_HOST`, { cause: e })
  }
  return null
}

/** Resolves when `host:port` can be listened on now (port 0 always can); throws port_in_use otherwise. */
export async function ensureCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (e) => reject(listenProblem(e, host, port) ?? e))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()))
  })
}
