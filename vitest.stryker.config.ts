// Vitest config used only by Stryker (stryker.config.json -> vitest.configFile).
//
// It is the normal unit config minus the test files that import nothing from
// the mutated modules (lib/background/router.ts, lib/domain/**, lib/backup/**),
// directly or through other modules. Those files cannot kill a mutant there, so
// leaving them out only saves time. The list was made by bundling every
// tests/unit file with esbuild and reading which sources it pulls in; re-check
// it when a listed test starts importing one of the mutated modules.
// lint-layers and lint-firefox read sources from disk or build the extension;
// they are static checks, not tests of behaviour.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'tests/unit/articles.canonical.test.ts',
        'tests/unit/articles.extract.test.ts',
        'tests/unit/articles.sanitize.test.ts',
        'tests/unit/clipboard.test.ts',
        'tests/unit/hosts.gmail.test.ts',
        'tests/unit/hosts.outlook.test.ts',
        'tests/unit/insert-link.test.ts',
        'tests/unit/lint-firefox.test.ts',
        'tests/unit/lint-layers.test.ts',
        'tests/unit/save-entry.test.ts',
        'tests/unit/save-popup.test.tsx',
        'tests/unit/timelines.test.ts',
        '**/node_modules/**',
      ],
    },
  }),
);
