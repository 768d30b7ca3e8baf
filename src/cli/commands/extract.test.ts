/** @module `reckon extract` in-process: table, --json, --jsonl streaming in input order, exit codes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type CliRun } from '../../../test/helpers/run-cli.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-extract-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const cli = async (argv: string[], stdin = ''): Promise<CliRun> => runCli(argv, { cwd: root, stdin })

describe('reckon extract', () => {
  it('prints a table of claims from a file', async () => {
    writeFileSync(join(root, 'a.txt'), 'A US drone strike on Thursday killed at least eight people, officials said.')
    const r = await cli(['extract', 'a.txt', '--published', '2013-11-04'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/quote\s+measure\s+category/)
    expect(r.out).toMatch(/killed\s+total\s+≥ 8\s+at_least\s+incident\s+2013-10-31\.\.2013-10-31/)
    expect(r.out).toContain('officials')
  })

  it('prints JSON with claims, summary and a note when dates stay unresolved', async () => {
    const r = await cli(['extract', '-', '--json'], 'A drone strike on Thursday killed 3 people.')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out) as { claims: unknown[]; summary: { killed: unknown }; notes: string[] }
    expect(j.claims).toHaveLength(1)
    expect(j.summary.killed).toEqual({ min: 3, max: 3 })
    expect(j.notes).toEqual(['dates unresolved: no publication date'])
  })

  it('streams --jsonl one answer per input line, in order, surviving a bad line', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: 'Missiles killed 4 people and wounded 2.', published: '2010-01-01' }),
      'not json',
      JSON.stringify({ id: 'b', text: 'No details are known.', published: null }),
    ]
    const r = await cli(['extract', '--jsonl'], lines.join('\n') + '\n')
    expect(r.code).toBe(0)
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; summary: unknown; error?: string })
    expect(out.map((o) => o.id)).toEqual(['a', null, 'b'])
    expect(out[0]!.summary).toEqual({ killed: { min: 4, max: 4 }, civilians: null, children: null, injured: { min: 2, max: 2 } })
    expect(out[1]!.error).toBe('not a JSON line')
  })

  it('refuses a bad --published date and a missing file with their exit codes', async () => {
    expect((await cli(['extract', '-', '--published', '2013-02-30'], 'x')).code).toBe(64)
    expect((await cli(['extract', 'missing.txt'])).code).toBe(66)
  })
})
