// @ts-check
/** ESLint flat config: type-aware rules as errors, and per-folder import boundaries (see docs/ARCHITECTURE.md). */
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Builds a no-restricted-imports rule that bans the given path patterns with one message. */
const banImports = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

const NODE_IO = ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:net', 'node:http', 'pg', 'better-sqlite3', 'kysely']

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'web/dist/**', 'web/node_modules/**', 'web/build/**', 'web/scripts/**', 'web/*.ts', 'bench/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: banImports(
      [...NODE_IO, '../*', '!../domain/*', '**/extraction/**', '**/reconciliation/**', '**/storage/**', '**/app/**', '**/api/**', '**/cli/**'],
      'domain/ is pure: it imports nothing outside domain/ and does no I/O.',
    ),
  },
  {
    files: ['src/extraction/**/*.ts', 'src/reconciliation/**/*.ts'],
    rules: banImports(
      [...NODE_IO, '**/storage/**', '**/app/**', '**/api/**', '**/cli/**', '**/importers/**', '**/readers/**'],
      'extraction/ and reconciliation/ are pure functions over domain types: no storage, HTTP, CLI or I/O.',
    ),
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: banImports(['**/app/**', '**/api/**', '**/cli/**', '**/extraction/**'], 'storage/ implements the Store interface over domain types only.'),
  },
  {
    files: ['src/app/**/*.ts'],
    rules: banImports(['**/api/**', '**/cli/**', '**/storage/sqlite/**', '**/storage/postgres/**'], 'app/ uses the Store interface, never an adapter or an edge.'),
  },
  {
    files: ['src/gazetteer/**/*.ts'],
    rules: banImports(
      [...NODE_IO, '**/extraction/**', '**/reconciliation/**', '**/storage/**', '**/app/**', '**/api/**', '**/cli/**', '**/importers/**', '**/readers/**', '**/worker/**'],
      'gazetteer/ is data and lookups over domain types: no I/O, nothing above it.',
    ),
  },
  {
    files: ['src/readers/**/*.ts'],
    rules: banImports(
      ['**/extraction/**', '**/reconciliation/**', '**/storage/**', '**/app/**', '**/api/**', '**/cli/**', '**/importers/**', '**/worker/**'],
      'readers/ turn bytes into text: they know nothing of claims, stores or edges.',
    ),
  },
  {
    files: ['src/importers/**/*.ts'],
    rules: banImports(['**/app/**', '**/api/**', '**/cli/**', '**/worker/**'], 'importers/ turn dataset rows into records; storing and matching them is a use case in app/.'),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: banImports(['**/api/**', '**/cli/**', '**/extraction/**', '**/reconciliation/**'], 'worker/ runs the use cases of app/ on queued jobs.'),
  },
  {
    files: ['src/api/**/*.ts'],
    rules: banImports(['**/cli/**', '**/extraction/**', '**/reconciliation/**'], 'api/ is an edge: it calls the use cases of app/, never extraction or reconciliation directly, and never the CLI.'),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: banImports(['**/extraction/**', '**/reconciliation/**'], 'cli/ is an edge: it calls the use cases of app/, never extraction or reconciliation directly.'),
  },
  {
    files: ['src/config.ts'],
    rules: banImports(['./extraction/*', './reconciliation/*', './storage/*', './app/*', './api/*', './cli/*', './importers/*', './readers/*', './worker/*', './gazetteer/*'], 'config.ts reads the environment into one object: it imports only domain errors.'),
  },
  {
    files: ['**/*.test.ts', '**/*.contract.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // web/ has its own tsconfig and bundler: its type-checking is its build's (tsc -p web), so here it gets the
    // import boundary (and the untyped rules) only. It talks to the API over HTTP: from src/ it may import domain
    // values and, as types only, the API's schemas; never storage, use cases, edges or Node.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE_IO, 'node:*', '**/src/storage/**', '**/src/app/**', '**/src/cli/**', '**/src/worker/**', '**/src/extraction/**', '**/src/reconciliation/**', '**/src/readers/**', '**/src/importers/**', '**/src/config.js', '**/src/gazetteer/**'],
              message: 'web/ talks to the API over HTTP: from src/ it imports domain values and, as types, the API schemas only.',
            },
            { group: ['**/src/api/**'], allowTypeImports: true, message: 'web/ may import the API\'s schemas as types only (import type), never its code.' },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  { ignores: ['scripts/**/*.mjs'] },
)
