// ESLint 9 flat config: Next.js's own rule sets (core web vitals: React, hooks, a11y, imports, @next/next) and
// typescript-eslint's recommended rules. Formatting is Prettier's job (.prettierrc); no rule here is about layout.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // "No dead code": an unused name fails CI. A leading underscore marks a parameter or element kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // package.json has no "type" (on purpose): a .js or .cjs file here is CommonJS, and require() is how it imports.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores([
    '.next/**',
    '.next-*/**',
    '.data*/**',
    'next-env.d.ts',
    'test-results*/**',
    'playwright-report*/**',
    'blob-report/**',
    'bench/results/**',
    'backups/**',
    'tmp/**',
  ]),
]);
