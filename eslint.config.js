/**
 * Lint, run by `npm test`: mostly the layers of the architecture (who may import
 * whom) and no import cycles, plus typescript-eslint's and React hooks' basics.
 * Rules that need type information are left out: lint must stay quick on a
 * two-core machine.
 */
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import noImportCycle from './eslint/no-import-cycle.js';

const root = import.meta.dirname;

/** `from` may not be imported by `target` (paths from the repository root). */
const layers = [
  {
    target: ['./lib/model.ts', './lib/domain'],
    from: ['./lib/db', './lib/background', './lib/content', './lib/ui', './components', './entrypoints'],
    message: 'The model and the pure rules (lib/domain) depend on no I/O layer.',
  },
  {
    target: './lib/messaging',
    from: './lib/background',
    message: 'The protocol is shared by both ends: the background implements it, it does not depend on the background.',
  },
  {
    target: ['./lib/hosts', './lib/content'],
    from: ['./lib/db', './lib/background'],
    message: 'Content-script code runs in the mail page: no database, no background code.',
  },
  {
    target: './components',
    from: ['./lib/db', './lib/background'],
    message: 'Pages reach data through the protocol (lib/messaging), never the database or the background directly.',
  },
];

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX, tend: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layers }],
      'tend/no-import-cycle': 'error',
      // Unused names prefixed with _ are deliberate (destructuring a field away).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The classic hook rules only: the React Compiler ones in v7's preset
    // (set-state-in-effect, purity) would ask for rewrites beyond a refactor.
    files: ['components/**/*.tsx', 'lib/ui/**/*.{ts,tsx}', 'tests/unit/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests and benchmarks reach into page globals and mocked answers of any shape.
    files: ['tests/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
