/**
 * The fresh-process baseline of the summary PDF: node starts, loads pdfmake
 * and lays out the same document definition Taizhang builds (written as JSON
 * by bench/cases/pdfmakeBare.ts, fonts named by their files), nothing else —
 * no database, no TypeScript, no charts drawn. `node pdfmake-fresh.cjs DEF OUT`.
 */
const fs = require('node:fs');
const pdfmake = require('pdfmake');

const [definitionFile, out] = process.argv.slice(2);
const { fonts, definition } = JSON.parse(fs.readFileSync(definitionFile, 'utf8'));
pdfmake.setFonts(fonts);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => true); // the font files
pdfmake
  .createPdf(definition)
  .getBuffer()
  .then((buffer) => fs.writeFileSync(out, buffer));
