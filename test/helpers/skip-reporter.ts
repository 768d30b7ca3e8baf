/**
 * @module A vitest reporter that ends the run by saying plainly which tests were skipped and why: PostgreSQL suites
 * without TEST_DATABASE_URL, browser tests without Chromium, store-specific cases. The default reporter only counts them.
 */
import { relative } from 'node:path'
import type { Reporter, TestModule } from 'vitest/node'

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byFile = new Map<string, string[]>()
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const r = t.result()
        if (r.state !== 'skipped') continue
        const file = relative(process.cwd(), m.moduleId)
        const why = r.note ? ` (${r.note})` : ''
        byFile.set(file, [...(byFile.get(file) ?? []), `${t.fullName}${why}`])
      }
    }
    const out: string[] = []
    if (!process.env.TEST_DATABASE_URL) {
      out.push('PostgreSQL suites SKIPPED: TEST_DATABASE_URL is not set. Set it to run them, e.g.')
      out.push('  TEST_DATABASE_URL=postgres://reckon:reckon@127.0.0.1:5432/reckon_test npm test   (.ci/run starts PostgreSQL and sets it)')
    }
    if (byFile.size > 0) {
      out.push(`Skipped tests, by file (${[...byFile.values()].reduce((n, l) => n + l.length, 0)}):`)
      for (const [file, tests] of byFile) for (const t of tests) out.push(`  ${file} › ${t}`)
    }
    if (out.length > 0) process.stdout.write(`\n${out.join('\n')}\n`)
  }
}
