/** @module The built `reckon` CLI, for tests that run it as a real process (to kill it, or to run a worker beside them). */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The repository's root folder. */
export const repo = join(import.meta.dirname, '..', '..')
/** The built CLI's entry file. */
export const main = join(repo, 'dist', 'cli', 'main.js')

/** Builds the CLI when it is missing: `npm test` builds first, a bare `vitest run` may not have. */
export function ensureBuilt(): void {
  if (!existsSync(main)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'inherit' })
}
