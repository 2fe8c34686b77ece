/**
 * require() for the PDF code's CommonJS dependencies (pdfmake, echarts) and
 * package lookups (the bundled font), working alike from source (ES modules
 * under tsx or vitest: import.meta.url) and from the Electron bundle
 * (CommonJS: __filename). One place, so a CommonJS build warns about
 * import.meta once.
 */
import { createRequire } from 'node:module';

export const requireHere = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
