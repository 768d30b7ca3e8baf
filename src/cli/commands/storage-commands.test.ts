/**
 * @module The ingest, sources, db and demo commands run in-process on real stores (SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set): acceptance (`ingest samples/` then `sources --search drone`), exit codes, --help.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { usePgTestDatabase } from '../../../test/helpers/pg-test-database.js'
import { runCli, type CliRun } from '../../../test/helpers/run-cli.js'

const samples = join(import.meta.dirname, '..', '..', '..', 'samples')
const root = mkdtempSync(join(tmpdir(), 'reckon-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs the CLI in-process with captured output. */
const cli = async (argv: string[], env: Record<string, string | undefined>, tty = false): Promise<CliRun> => runCli(argv, { env, cwd: root, tty })

/** The sample reports a folder ingest should store: readable kinds, README aside. */
const sampleCount = readdirSync(samples).filter((f) => /\.(txt|md|html?|pdf)$/.test(f) && !/^readme/i.test(f)).length

function acceptance(name: string, env: () => Record<string, string>): void {
  describe(`reckon on ${name}`, () => {
    it('ingest samples/ then sources --search drone finds the seed article; a second ingest adds nothing', async () => {
      const first = await cli(['ingest', samples], env())
      expect(first.err).toBe('')
      expect(first.code).toBe(0)
      expect(first.out).toMatch(new RegExp(`ingested ${sampleCount} new sources, 0 already stored`))
      const again = await cli(['ingest', samples], env())
      expect(again.out).toMatch(new RegExp(`ingested 0 new sources, ${sampleCount} already stored`))
      const search = await cli(['sources', '--search', 'drone'], env())
      expect(search.code).toBe(0)
      expect(search.out).toContain('seed-article.txt')
      expect(search.out).toContain('seed-article.pdf')
      const json = await cli(['sources', '--search', 'drone', '--json'], env())
      const page = JSON.parse(json.out) as { items: { filename: string; snippet: string }[]; total: number }
      expect(page.items.some((i) => i.filename === 'seed-article.txt' && i.snippet.includes('«'))).toBe(true)
      const list = await cli(['sources', '--limit', '2'], env())
      expect(list.out).toContain(`1–2 of ${sampleCount}`)
    })
  })
}

const sqlitePath = join(root, 'accept.db')
acceptance('SQLite', () => ({ DATABASE_URL: sqlitePath }))

const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl !== undefined && adminUrl !== '') {
  const dbName = `reckon_cli_${randomBytes(4).toString('hex')}`
  let url = ''
  usePgTestDatabase(adminUrl, dbName, (u) => (url = u))
  acceptance('PostgreSQL', () => ({ DATABASE_URL: url }))
} else {
  describe('reckon on PostgreSQL', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set; .ci/run sets it', () => {})
  })
}

describe('reckon commands', () => {
  it('every command and subcommand has --help', async () => {
    // Walk the program's own command tree, so a command added later is covered without editing this list.
    const { buildProgram } = await import('../main.js')
    const { processIo } = await import('../io.js')
    const noop = (): void => undefined
    const program = buildProgram({ io: processIo(), config: () => { throw new Error('not loaded for --help') }, onExit: noop, fail: noop })
    const paths: string[][] = [[]]
    const walk = (cmd: { name(): string; commands: readonly unknown[] }, prefix: string[]): void => {
      for (const sub of cmd.commands as { name(): string; commands: readonly unknown[] }[]) {
        if (sub.name() === 'help') continue
        paths.push([...prefix, sub.name()])
        walk(sub, [...prefix, sub.name()])
      }
    }
    walk(program, [])
    expect(paths.length).toBeGreaterThan(15)
    for (const path of paths) {
      const r = await cli([...path, '--help'], {})
      expect(r.code, path.join(' ')).toBe(0)
      expect(r.out, path.join(' ')).toMatch(new RegExp(`Usage: reckon${path.map((p) => ` ${p}`).join('')}`))
    }
  })

  it('ingest reports each bad path by name, ingests the rest and exits non-zero', async () => {
    const d = mkdtempSync(join(root, 'bad-'))
    writeFileSync(join(d, 'good.txt'), 'A drone strike killed two people.')
    writeFileSync(join(d, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x00, 0x00, 0x9c]))
    const env = { DATABASE_URL: join(d, 'r.db') }
    const r = await cli(['ingest', d, join(d, 'missing.txt')], env)
    expect(r.code).not.toBe(0)
    expect(r.err).toContain(join(d, 'bad.txt'))
    expect(r.err).toContain(join(d, 'missing.txt'))
    expect(r.out).toContain('ingested 1 new source, 0 already stored, 2 failed')
    expect((await cli(['sources'], env)).out).toContain('good.txt')
  })

  it('shows a progress bar on a terminal when there are many files, and none otherwise', async () => {
    const d = mkdtempSync(join(root, 'many-'))
    for (let i = 0; i < 8; i++) writeFileSync(join(d, `r${i}.txt`), `Report ${i}: ${i} killed.`)
    const tty = await cli(['ingest', d], { DATABASE_URL: join(d, 'tty.db') }, true)
    expect(tty.err).toContain('] 8/8 ')
    expect(tty.err).toMatch(/\[#+-*\] 1\/8 /)
    const piped = await cli(['ingest', d], { DATABASE_URL: join(d, 'piped.db') })
    expect(piped.err).toBe('')
  })

  it('db migrate creates the schema once', async () => {
    const env = { DATABASE_URL: join(root, 'migrate.db') }
    const first = await cli(['db', 'migrate'], env)
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/applied 1: /)
    expect((await cli(['db', 'migrate'], env)).out).toMatch(/schema is up to date/)
  })

  it('an unreachable PostgreSQL gives one line naming host and port and exit 69, no stack', async () => {
    const r = await cli(['sources'], { DATABASE_URL: 'postgres://reckon:pw@127.0.0.1:1/reckon' })
    expect(r.code).toBe(69)
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^reckon: cannot reach PostgreSQL at 127\.0\.0\.1:1: /)])
  })

  it('a too-large file is refused by RECKON_MAX_DOCUMENT_BYTES', async () => {
    const d = mkdtempSync(join(root, 'big-'))
    writeFileSync(join(d, 'big.txt'), 'killed '.repeat(300))
    const r = await cli(['ingest', d], { DATABASE_URL: join(d, 'r.db'), RECKON_MAX_DOCUMENT_BYTES: '1000' })
    expect(r.code).toBe(65)
    expect(r.err).toContain('over the limit of 1000 bytes')
  })
})
