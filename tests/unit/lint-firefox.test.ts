/**
 * `npm run lint:firefox` (scripts/lint-firefox.mjs) passes only the reviewed vendor
 * markup sinks: a sink of our own, or any other warning, fails it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '../../scripts/lint-firefox.mjs');

const MANIFEST = {
  manifest_version: 3,
  name: 'Lint probe',
  version: '1.0',
  description: 'A minimal Firefox build for the lint test.',
  background: { scripts: ['background.js'] },
  browser_specific_settings: {
    gecko: { id: 'probe@tend.local', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: '142.0' },
  },
};

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function lint(code: string): Promise<{ ok: boolean; output: string }> {
  dir = await mkdtemp(join(tmpdir(), 'tend-lint-firefox-'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(join(dir, 'background.js'), code);
  try {
    const { stdout } = await run('node', [SCRIPT, dir]);
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

describe('lint:firefox', () => {
  it('passes a clean build', async () => {
    const result = await lint('globalThis.x = 1;\n');
    expect(result.output).toContain('0 errors, 0 warnings, 0 notices');
    expect(result.ok).toBe(true);
  }, 30_000);

  it('fails on a markup sink of our own', async () => {
    const result = await lint('export function show(el, html) { el.innerHTML = html; }\n');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/WARNING: UNSAFE_VAR_ASSIGNMENT background\.js:1/);
  }, 30_000);

  it("passes React DOM's reviewed dangerouslySetInnerHTML sink, as minified", async () => {
    const result = await lint('export function s(n,u,l){n?.__html!==u&&(l.innerHTML=u)}\n');
    expect(result.output).toContain('reviewed: UNSAFE_VAR_ASSIGNMENT in background.js:1: React DOM');
    expect(result.ok).toBe(true);
  }, 30_000);
});
