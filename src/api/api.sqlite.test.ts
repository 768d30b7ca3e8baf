/** @module The API suite on SQLite, in a temporary file. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { openStore } from '../storage/open-store.js'
import { runApiSuite } from './api.contract.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-api-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

runApiSuite('SQLite', () => openStore({ kind: 'sqlite', path: join(dir, 'api.db') }))
