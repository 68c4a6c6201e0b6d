/**
 * The layer rules of eslint.config.js can fail (issue 12): each bad import below is
 * linted as if it were a file of the tree, and the rule meant to catch it must.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function rulesFired(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the layers', () => {
  it('keeps lib/domain free of the database', async () => {
    expect(await rulesFired("import { TendDatabase } from '../db/schema';\nexport const x = TendDatabase;\n", 'lib/domain/x.ts')).toContain('import-x/no-restricted-paths');
  });

  it('keeps the model free of the background, type imports included', async () => {
    expect(await rulesFired("import type { Handlers } from './background/handlers';\nexport type X = Handlers;\n", 'lib/model-x.ts')).toEqual([]);
    expect(await rulesFired("import type { Handlers } from './background/handlers';\nexport type X = Handlers;\n", 'lib/model.ts')).toContain('import-x/no-restricted-paths');
  });

  it('keeps components away from the background', async () => {
    expect(await rulesFired("import { createHandlers } from '../../lib/background/handlers';\nexport const x = createHandlers;\n", 'components/sidebar/X.tsx')).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('keeps the protocol from depending on the background', async () => {
    expect(await rulesFired("import type { ServiceDeps } from '../background/context';\nexport type X = ServiceDeps;\n", 'lib/messaging/x.ts')).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('keeps content-script code away from the database', async () => {
    expect(await rulesFired("import { db } from '../db';\nexport const x = db;\n", 'lib/content/x.ts')).toContain('import-x/no-restricted-paths');
    expect(await rulesFired("import { db } from '../db';\nexport const x = db;\n", 'lib/hosts/x.ts')).toContain('import-x/no-restricted-paths');
  });

  it('lets the background use the database (a rule that fires everywhere proves nothing)', async () => {
    expect(await rulesFired("import { db } from '../db';\nexport const x = db;\n", 'lib/background/x.ts')).toEqual([]);
  });
});

describe('import cycles', () => {
  const dir = mkdtempSync(join(root, 'tests', 'unit', '.lint-cycle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a two-file cycle made of a type-only import', async () => {
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport interface A { b: B }\n");
    writeFileSync(join(dir, 'b.ts'), "import { type A } from './a';\nexport interface B { a?: A }\n");
    const file = join(dir, 'a.ts').slice(root.length + 1);
    expect(await rulesFired("import type { B } from './b';\nexport interface A { b: B }\n", file)).toContain('tend/no-import-cycle');
  });

  it('says nothing when the import goes one way', async () => {
    writeFileSync(join(dir, 'c.ts'), 'export interface C { n: number }\n');
    const file = join(dir, 'd.ts').slice(root.length + 1);
    expect(await rulesFired("import type { C } from './c';\nexport type D = C;\n", file)).toEqual([]);
  });
});
