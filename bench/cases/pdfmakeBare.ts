/**
 * Bare pdfmake on the summary's own document definition: the baselines of the
 * summary PDF cases (issue 13). What Taizhang adds over them — reading the
 * database, the sentences, the charts, the worker, fonts served from memory —
 * is the ratio. The definition is built once, untimed, from the same sample
 * database; the page-number footer (a function) becomes a fixed line, and the
 * fonts are named by their files, as anyone using pdfmake would.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type PdfMakeModule from 'pdfmake';
import { openDb } from '../../electron/core/db/open';
import { loadSummaryDocument } from '../../electron/core/export/pdf/summaryData';
import { CHART_HEIGHT_PT, renderCharts } from '../../electron/core/export/pdf/render';
import { pdfmakeFonts, summaryDocDefinition } from '../../electron/core/export/pdf/docDefinition';
import { resolveFonts } from '../../electron/core/export/pdf/fonts';
import { requireHere } from '../../electron/core/export/pdf/requireHere';
import { exampleIds } from '../../test/helpers/summaryFixtures';
import type { Benchmark } from '../harness';

const here = path.dirname(fileURLToPath(import.meta.url));
const freshScript = path.join(here, '..', 'baselines', 'pdfmake-fresh.cjs');

interface BareDefinition {
  fonts: Record<string, Record<string, string | string[]>>;
  definition: Record<string, unknown>;
}

/** The district summary's definition as plain JSON (what pdfmake is given, minus the footer function). */
export function bareDefinition(dbPath: string): BareDefinition {
  const { db } = openDb(dbPath);
  try {
    const doc = loadSummaryDocument(db, { planId: exampleIds(db).plan, year: 2022, today: '2023-01-10' });
    const fonts = resolveFonts();
    const definition = summaryDocDefinition(doc, {
      fonts,
      charts: renderCharts(doc),
      chartHeight: CHART_HEIGHT_PT,
      fontBytes: (file) => fs.readFileSync(file),
    });
    definition.footer = { text: '— 1 —', alignment: 'center' };
    return { fonts: pdfmakeFonts(fonts), definition: JSON.parse(JSON.stringify(definition)) };
  } finally {
    db.close();
  }
}

/** Baseline of the fresh-process case: `node` loading pdfmake and laying out the same definition. */
export function pdfmakeFreshProcess(dbPath: () => string): Benchmark {
  let definitionFile: string | null = null;
  return {
    name: 'baseline: bare pdfmake in a fresh node process, the same document definition (no database, no TypeScript)',
    setup: () => {
      const dir = path.dirname(dbPath());
      if (!definitionFile) {
        definitionFile = path.join(dir, 'summary-definition.json');
        fs.writeFileSync(definitionFile, JSON.stringify(bareDefinition(dbPath())));
      }
      return path.join(dir, `bare-${Date.now()}.pdf`);
    },
    run: (out) => {
      execFileSync(process.execPath, [freshScript, definitionFile!, out as string]);
    },
    teardown: (out) => fs.rmSync(out as string, { force: true }),
  };
}

/** Baseline of the in-app cases: pdfmake, already loaded in this thread, laying out the same definition. */
export function pdfmakeInProcess(dbPath: () => string): Benchmark {
  let bare: BareDefinition | null = null;
  return {
    name: 'baseline: bare pdfmake in this process (loaded; fonts read from their files, as pdfmake does), the same document definition',
    setup: () => {
      bare ??= bareDefinition(dbPath());
      // pdfmake writes font bytes back into the table it is given: a fresh copy each run.
      return structuredClone(bare);
    },
    run: async (prepared) => {
      const { fonts, definition } = prepared as BareDefinition;
      const pdfmake = requireHere('pdfmake') as typeof PdfMakeModule;
      pdfmake.setFonts(fonts);
      pdfmake.setUrlAccessPolicy(() => false);
      pdfmake.setLocalAccessPolicy(() => true);
      await pdfmake.createPdf(definition).getBuffer();
    },
  };
}
