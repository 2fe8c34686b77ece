/**
 * The build-time antd stylesheet (scripts/antdStaticStyle.ts) leaves out the
 * components the renderer never draws. Drawing one of them without taking it
 * off UNUSED_ANTD_COMPONENTS would show it unstyled: this test names the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { antdStaticCss, UNUSED_ANTD_COMPONENTS } from '../../scripts/antdStaticStyle';

const RENDERER = path.join(__dirname, '../../renderer/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Every antd component a renderer file imports, with the file: `import { A, B as C } from 'antd'` and `antd/es/<name>` paths. */
function antdImports(): { file: string; name: string }[] {
  const found: { file: string; name: string }[] = [];
  for (const file of sourceFiles(RENDERER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'antd'/g)) {
      for (const part of m[1].split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
        if (name) found.push({ file: path.relative(RENDERER, file), name });
      }
    }
    for (const m of text.matchAll(/from\s+'antd\/(?:es|lib)\/([a-z-]+)/g)) {
      const name = m[1].replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      found.push({ file: path.relative(RENDERER, file), name });
    }
  }
  return found;
}

describe('the antd stylesheet made at build time', () => {
  it('leaves out only components no renderer file imports', () => {
    const imports = antdImports();
    expect(imports.length).toBeGreaterThan(30); // the scan finds the renderer's imports at all
    expect(imports.map((i) => i.name)).toContain('Table');
    const drawnButLeftOut = imports.filter((i) => UNUSED_ANTD_COMPONENTS.includes(i.name)).map((i) => `${i.file}: ${i.name}`);
    expect(drawnButLeftOut).toEqual([]);
  });

  it("holds the styles of the components the app draws, and not the left-out ones'", () => {
    const css = antdStaticCss();
    for (const cls of ['.ant-table', '.ant-picker', '.ant-menu', '.ant-modal', '.ant-form', '.ant-upload', '.ant-steps', '.ant-tooltip', '.ant-pagination']) {
      expect(css, cls).toContain(`${cls}`);
    }
    for (const cls of ['.ant-cascader', '.ant-transfer', '.ant-tree-select', '.ant-color-picker', '.ant-tour', '.ant-qrcode', '.ant-float-btn']) {
      expect(css, cls).not.toContain(`${cls}`);
    }
  }, 60_000);
});
