/**
 * @module The web app's import boundary, as lint enforces it (eslint.config.js): from src/ it may import domain values
 * and the API's schemas as types only; storage, use cases, edges and Node are refused with the rule's message.
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

/** The no-restricted-imports messages lint gives `code` as if it were the web file `name`. */
async function boundaryErrors(name: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintText(code, { filePath: join(root, 'web', 'src', name) })
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

describe('web/ import boundary', () => {
  it('allows domain values and API schema types', async () => {
    const code = [
      "import { formatRange } from '../../src/domain/index.js'",
      "import type { Incident } from '../../src/api/schemas.js'",
      'export const show = (i: Incident): unknown => formatRange',
      '',
    ].join('\n')
    expect(await boundaryErrors('probe-allowed.ts', code)).toEqual([])
  })

  it.each([
    ["import { openStore } from '../../src/storage/open-store.js'", 'talks to the API over HTTP'],
    ["import { checkStore } from '../../src/app/check-store.js'", 'talks to the API over HTTP'],
    ["import { readFileSync } from 'node:fs'", 'talks to the API over HTTP'],
    ["import { Incident } from '../../src/api/schemas.js'", 'as types only'],
  ])('refuses %s', async (line, why) => {
    const errors = await boundaryErrors('probe-refused.ts', `${line}\nexport const x = 1\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(why)
  })
})
