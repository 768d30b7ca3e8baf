/**
 * @module The CLI (`reckon extract --check --json`) and the API (`POST /api/extract`) check a text through the one use
 * case (app/check-document.ts): the same findings, naming the same drafts, for the seed article and a wire report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { apiDeps } from '../src/api/deps.js'
import { documentUseCases } from '../src/app/document-use-cases.js'
import { createApp } from '../src/api/app.js'
import { loadConfig } from '../src/config.js'
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js'
import { repo } from './helpers/built-cli.js'
import { runCli } from './helpers/run-cli.js'

interface Found {
  readonly id: string
  readonly kind: string
  readonly claims: readonly string[]
}

const dir = mkdtempSync(join(tmpdir(), 'reckon-cli-api-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TEXTS: readonly { name: string; text: string; published: string }[] = [
  { name: 'the seed article', text: readFileSync(join(repo, 'test', 'fixtures', 'seed-article.txt'), 'utf8'), published: '2013-11-04' },
  {
    name: 'a wire report of one strike, officials against residents',
    text: 'A drone strike hit a compound near Mir Ali on Tuesday. Officials said six militants were killed; villagers said four of the dead were civilians, among them two children.\n',
    published: '2014-02-13',
  },
]

describe('one check of a document, through the CLI and the API alike', () => {
  for (const t of TEXTS) {
    test(t.name, async () => {
      const file = join(dir, 'report.txt')
      writeFileSync(file, t.text)
      const cli = await runCli(['extract', '--check', '--json', '--published', t.published, file], { cwd: dir, env: {} })
      expect(cli.code).toBe(0)
      const fromCli = (JSON.parse(cli.out) as { findings: Found[] }).findings

      const store = openSqliteStore(':memory:')
      try {
        const app = createApp(store, loadConfig({ RECKON_RATE_LIMIT: '0' }), apiDeps(documentUseCases()), { log: () => {} })
        const res = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: t.text, published: t.published }) })
        expect(res.status).toBe(200)
        const fromApi = ((await res.json()) as { findings: Found[] }).findings
        const shape = (f: Found): Found => ({ id: f.id, kind: f.kind, claims: f.claims })
        expect(fromCli.length).toBeGreaterThan(0)
        expect(fromApi.map(shape)).toEqual(fromCli.map(shape))
        expect(fromCli.flatMap((f) => f.claims).every((id) => /^draft:\d+$/.test(id))).toBe(true)
      } finally {
        await store.close()
      }
    })
  }
})
