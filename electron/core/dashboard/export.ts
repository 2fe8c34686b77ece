/**
 * 导出 of the dashboard for the leadership meeting. The SVG pages (pages.ts)
 * become an A4 landscape PDF through pdfmake — text stays text, in the chart
 * font the summary's charts use — and, for the PNG, go to the window as SVG in
 * the system's fonts, which it rasterises on a canvas (the browser draws a
 * page's 400 labels in milliseconds; resvg took about 0.1 s per label with a
 * Chinese font, half a minute a page). One layout, so the two look alike.
 */
import type { DashboardPdf } from '../../../shared/api/methods/dashboard';
import type { DashboardView } from '../../../shared/dashboard/view';
import { CHART_FONT } from '../export/pdf/charts';
import { pdfmakeFonts } from '../export/pdf/docDefinition';
import { releaseFontsWhenIdle, virtualFontName } from '../export/pdf/fontBytes';
import { resolveFonts } from '../export/pdf/fonts';
import { loadPdfmake } from '../export/pdf/render';
import { dashboardPages } from './pages';

const A4_LANDSCAPE_PT = { width: 841.89, height: 595.28 };

/** The font stack a window draws the PNG's pages with (Windows, 统信UOS/麒麟 and Debian faces). */
const SCREEN_FONTS = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Zen Hei','Source Han Sans SC',sans-serif";

export function dashboardFileName(view: DashboardView, ext: string): string {
  return `${view.unit.name}态势总览_${view.periodLabel}${view.sampleData ? '（示例数据）' : ''}.${ext}`;
}

export async function dashboardPdf(view: DashboardView): Promise<DashboardPdf> {
  const pages = dashboardPages(view);
  const fonts = resolveFonts();
  const pdfmake = loadPdfmake();
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setFonts(pdfmakeFonts(fonts, (file) => virtualFontName(pdfmake.virtualfs, file)));
  const definition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [0, 0, 0, 0],
    info: { title: `${view.unit.name}科技创新态势总览（${view.periodLabel}）`, subject: '态势总览', creator: '科创台账 Taizhang', producer: '科创台账 Taizhang' },
    defaultStyle: { font: CHART_FONT },
    content: pages.map((svg, k) => ({
      svg,
      width: A4_LANDSCAPE_PT.width,
      height: A4_LANDSCAPE_PT.height,
      font: CHART_FONT,
      ...(k > 0 ? { pageBreak: 'before' } : {}),
    })),
  };
  try {
    const buffer = Buffer.from(await pdfmake.createPdf(definition).getBuffer());
    return {
      fileName: dashboardFileName(view, 'pdf'),
      mimeType: 'application/pdf',
      base64: buffer.toString('base64'),
      byteLength: buffer.byteLength,
      pages: pages.length,
      sampleData: view.sampleData,
    };
  } finally {
    releaseFontsWhenIdle(pdfmake.virtualfs);
  }
}

/** The pages for the window's PNG: the chart font's name becomes the system font stack. */
export function dashboardScreenPages(view: DashboardView): { fileName: string; pages: string[]; sampleData: boolean } {
  return {
    fileName: dashboardFileName(view, 'png'),
    pages: dashboardPages(view).map((svg) => svg.replaceAll(`font-family="${CHART_FONT}"`, `font-family="${SCREEN_FONTS}"`).replaceAll(CHART_FONT, SCREEN_FONTS)),
    sampleData: view.sampleData,
  };
}
