import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { loadOwner, ownerGone } from './load-owner.js'

describe('bulk load owners', () => {
  it('this process is running; one that has exited, one on another host and a malformed owner are gone', () => {
    expect(loadOwner()).toBe(`${hostname()}:${process.pid}`)
    expect(ownerGone(loadOwner())).toBe(false)
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    expect(ownerGone(`${hostname()}:${exited}`)).toBe(true)
    expect(ownerGone(`another-host.example:${process.pid}`)).toBe(true)
    expect(ownerGone(`${hostname()}:not-a-pid`)).toBe(true)
  })
})
