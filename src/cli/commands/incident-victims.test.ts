/** @module `reckon incident ID` lists the incident's named victims with the reports that name them (SQLite, in-process). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../test/helpers/run-cli.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-victims-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('reckon incident: victims', () => {
  it('lists named victims, found ones marked for review, each with the report naming them', async () => {
    const env = { DATABASE_URL: join(root, 'v.db') }
    const file = join(root, 'report.txt')
    // Our own report.
    writeFileSync(file, 'A drone strike hit a house near Mir Ali on Sunday, officials said. Those killed were Zarina Bibi and Wali Khan.\n')
    expect((await runCli(['ingest', file, '--published', '2014-02-11', '--publisher', 'Test Wire'], { env, cwd: root })).code).toBe(0)
    const list = await runCli(['incidents'], { env, cwd: root })
    const id = list.out.trim().split('\n')[1]!.split(/\s+/)[0]!
    const shown = await runCli(['incident', id], { env, cwd: root })
    expect(shown.code).toBe(0)
    const section = shown.out.slice(shown.out.indexOf('\nVictims\n'), shown.out.indexOf('\nFindings\n'))
    expect(section).toMatch(/^ {2}Zarina Bibi: killed {2}\[found, to review\] {2}vic_\w+$/m)
    expect(section).toContain('named as Zarina Bibi by Test Wire: “Those killed were Zarina Bibi')
    expect(section).toMatch(/^ {2}Wali Khan: killed/m)
    const json = JSON.parse((await runCli(['incident', id, '--json'], { env, cwd: root })).out) as { victims: { name: string }[] }
    expect(json.victims.map((v) => v.name)[0]).toBe('Zarina Bibi')
  })
})
