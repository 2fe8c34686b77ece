/**
 * The file worker as the desktop app runs it: scripts/build-electron.mjs
 * builds dist/electron/file-worker.cjs, and code bundled next to it (as
 * main.cjs is) starts that file — not the TypeScript source — and gets
 * answers from it: a normal workbook read, a hostile one refused, a Word notice read.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { hostileFiles, sampleTargetRows, xlsxFile } from '../helpers/hostileFiles';
import { tempDir } from '../helpers/tempDb';
import { cell, para, row, table, wordPackage } from '../helpers/wordXml';

const root = path.resolve(__dirname, '../..');
const outdir = path.join(root, 'dist', 'electron');

describe('the bundled file worker', () => {
  it('is built by build-electron and started from next to the bundle', { timeout: 120_000 }, async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'pipe' });
    expect(fs.existsSync(path.join(outdir, 'file-worker.cjs'))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const runner = path.join(outdir, `file-job-check-${process.pid}.cjs`);
    const t = tempDir();
    try {
      // Bundled as build-electron bundles main.cjs: CommonJS, production dependencies external.
      await build({
        entryPoints: [path.join(root, 'test', 'helpers', 'fileJobRunner.ts')],
        outfile: runner,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['electron', ...Object.keys(pkg.dependencies)],
        define: { 'import.meta.url': '__taizhang_import_meta_url' },
        banner: { js: "const __taizhang_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
        logLevel: 'silent',
      });
      const normal = path.join(t.dir, '附件2.xlsx');
      fs.writeFileSync(normal, xlsxFile({ sheets: [{ name: '附件2', rows: sampleTargetRows() }] }));
      const bomb = hostileFiles().find((f) => f.fileName === '压缩炸弹2.xlsx')!;
      const hostile = path.join(t.dir, bomb.fileName);
      fs.writeFileSync(hostile, bomb.bytes);
      // A Word notice goes through the same bundled worker (the reader's @xmldom/xmldom is loaded from node_modules).
      const notice = path.join(t.dir, '通知.docx');
      fs.writeFileSync(notice, wordPackage({ body: para('附件1') + table([row([cell('序号'), cell('工作内容'), cell('牵头单位'), cell('责任单位')]), row([cell('1'), cell('推进'), cell('区科工局'), cell('区科工局')])]) + '<w:p/>' }));
      const out = execFileSync(process.execPath, [runner, normal, hostile, notice], { cwd: t.dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      const answers = out.trim().split('\n').map((l) => JSON.parse(l));
      expect(answers[0]).toEqual({ fileName: '附件2.xlsx', sheets: ['附件2'] });
      expect(answers[1].refused).toMatch(bomb.expect);
      expect(answers[2]).toEqual({ fileName: '通知.docx', sheets: ['附件1（第1个表格）'] });
    } finally {
      fs.rmSync(runner, { force: true });
      t.cleanup();
    }
  });
});
