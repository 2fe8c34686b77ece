/**
 * The layering of ARCHITECTURE.md, checked on the source: shared/ is pure,
 * the renderer only reaches the core through shared/, the core never imports UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join(abs, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

/** Every (file, import) pair whose resolved target lies in one of the forbidden folders, or is a bare module in `bannedModules`. */
function violations(dir: string, forbiddenDirs: string[], bannedModules: RegExp | null): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(dir)) {
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec));
        if (forbiddenDirs.some((d) => target === d || target.startsWith(d + path.sep))) {
          out.push(`${path.relative(root, file)} → ${spec}`);
        }
      } else if (bannedModules?.test(spec)) {
        out.push(`${path.relative(root, file)} → ${spec}`);
      }
    }
  }
  return out;
}

describe('house rules', () => {
  it('finds the source it checks (the check cannot pass on an empty tree)', () => {
    expect(sourceFiles('shared').length).toBeGreaterThan(10);
    expect(sourceFiles('renderer').length).toBeGreaterThan(3);
    expect(importsOf(path.join(root, 'electron/core/api.ts')).length).toBeGreaterThan(3);
  });

  it('shared/ imports nothing from electron/, renderer/, Node or the DOM world', () => {
    expect(violations('shared', ['electron', 'renderer'], /^(node:|fs$|path$|os$|electron$|better-sqlite3$|react)/)).toEqual([]);
  });

  it('renderer/ never imports electron/ (only shared/) and no Node module', () => {
    expect(violations('renderer', ['electron'], /^(node:|fs$|path$|os$|electron$|better-sqlite3$)/)).toEqual([]);
  });

  it('every write starts BEGIN IMMEDIATE: db.transaction( only in electron/core/db/tx.ts (writeTx)', () => {
    const files = sourceFiles('electron');
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((f) => !f.endsWith(path.join('core', 'db', 'tx.ts')))
      .filter((f) => /\.transaction\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'electron/core/db/tx.ts'), 'utf8')).toMatch(/\.immediate\(/);
  });

  it('the window builds no API schema at start-up: nothing it loads reaches zod or shared/api/methods/ except as types', () => {
    // Value imports only (`import type` and `import { type … }`-only lines are erased by the compiler), followed
    // from every renderer file through shared/: one constant from a methods file would pull in zod and every schema.
    const valueImports = (file: string) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?([^'"]*?)from\s+['"]([^'"]+)['"]/g)]
        .filter((m) => !m[2] && !/^\s*\{\s*(type\s+[\w$]+\s*,?\s*)+\}\s*$/.test(m[3]))
        .map((m) => m[4]);
    const resolve = (from: string, spec: string) => {
      const base = path.resolve(path.dirname(from), spec);
      return ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f)) ?? null;
    };
    const reached: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string, via: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of valueImports(file)) {
        if (spec === 'zod') reached.push(`${via} → zod`);
        if (!spec.startsWith('.')) continue;
        const target = resolve(file, spec);
        if (!target) continue;
        const rel = path.relative(root, target);
        if (rel.startsWith(path.join('shared', 'api', 'methods'))) reached.push(`${via} → ${rel}`);
        else if (rel.startsWith('shared')) visit(target, `${via} → ${rel}`);
      }
    };
    const files = sourceFiles('renderer/src');
    for (const file of files) visit(file, path.relative(root, file));
    expect(seen.size).toBeGreaterThan(files.length); // shared/ was followed
    expect(reached).toEqual([]);
  });

  it('electron/core never imports renderer/', () => {
    expect(violations('electron', ['renderer'], /^(react|antd)/)).toEqual([]);
  });
});
