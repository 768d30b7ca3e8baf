/**
 * @module Who set a bulk load's indexes aside (`deferred_indexes.owner`): "host:pid", so that any process can tell a
 * load still running from one that crashed or was killed before it rebuilt them.
 */
import { hostname } from 'node:os'

/** This process, as an owner. */
export function loadOwner(): string {
  return `${hostname()}:${process.pid}`
}

/**
 * True unless `owner` is a process still running on this host. One on another host counts as gone: a SQLite file is
 * written by one host at a time, so it is a file moved or copied after its load stopped.
 */
export function ownerGone(owner: string): boolean {
  const at = owner.lastIndexOf(':')
  const [host, pid] = [owner.slice(0, at), Number(owner.slice(at + 1))]
  if (host !== hostname()) return true
  if (!Number.isInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
    return false
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code !== 'EPERM'
  }
}
