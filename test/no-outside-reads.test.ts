/** @module The setup file that keeps tests inside the repository refuses a read beside it, and allows one inside. */
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'

const repo = resolve(import.meta.dirname, '..')
const beside = join(dirname(repo), 'shared', 'fixtures', 'seed-article.txt')

describe('tests cannot read beside the repository', () => {
  test('synchronous, promised and existence checks are refused with the fix', async () => {
    expect(() => readFileSync(beside)).toThrow(/outside the repository.*test\/fixtures/)
    expect(() => existsSync(beside)).toThrow(/outside the repository/)
    await expect(readFile(new URL(`file://${beside}`))).rejects.toThrow(/outside the repository/)
  })

  test('the repository itself and temporary folders stay readable', () => {
    expect(readFileSync(join(repo, 'test', 'fixtures', 'seed-article.txt'), 'utf8')).toContain('drone')
    expect(existsSync('/tmp')).toBe(true)
  })
})
