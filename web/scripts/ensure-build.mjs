/**
 * @module Builds the web app from the repository root: installs web/'s own dependencies when they are missing or
 * stale (web/ has its own lockfile, so the server's dependencies stay lean), then runs web's build and budget.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const installed = join(web, 'node_modules', '.package-lock.json')
const lock = join(web, 'package-lock.json')
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit' })
}
execFileSync(npm, ['run', 'build'], { cwd: web, stdio: 'inherit' })
