/**
 * tend/no-import-cycle: no module may reach itself through its imports, type-only
 * imports included. import-x's no-cycle skips `import type` by design, but a type
 * cycle ties two layers together just the same (issue 12), so this rule walks every
 * static, type-only, re-export and dynamic import of the project's own files.
 *
 * Imports are read with TypeScript's preProcessFile (no full parse) and cached per
 * file and modification time, so a whole run stays fast.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs'];
/** path → { mtime, imports: resolved paths } */
const cache = new Map();

function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => resolve(base, 'index' + ext))];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function specifiersOf(source) {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((file) => file.fileName);
}

function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = cache.get(file);
  if (cached && cached.mtime === mtime) return cached.imports;
  const imports = specifiersOf(readFileSync(file, 'utf8'))
    .map((specifier) => resolveImport(file, specifier))
    .filter((path) => path !== null);
  cache.set(file, { mtime, imports });
  return imports;
}

/** The shortest import path from `start` back to `target`, or null. */
function pathBack(start, target) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (next === target) {
        const route = [file];
        for (let at = previous.get(file); at; at = previous.get(at)) route.unshift(at);
        return route;
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between project files, type-only imports included.' },
    messages: { cycle: 'Import cycle: {{route}} (type-only imports count too).' },
    schema: [],
  },
  create(context) {
    const filename = context.physicalFilename;
    if (!filename || filename === '<input>' || filename === '<text>') return {};
    const cwd = context.cwd;
    const show = (file) => relative(cwd, file);
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = resolveImport(filename, specifier);
      if (!target || target === filename) return;
      const route = pathBack(target, filename);
      if (route) context.report({ node, messageId: 'cycle', data: { route: [filename, ...route, filename].map(show).join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportType: (node) => {
        const argument = node.argument?.literal ?? node.argument;
        if (argument?.type === 'Literal') check(node, argument.value);
      },
    };
  },
};
