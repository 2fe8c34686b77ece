/**
 * Charts of the summary, drawn by ECharts on the server as SVG (no canvas,
 * no browser): a bar chart of 完成率 with Chinese labels and a dashed 100%
 * line. The SVG names the font family `CHART_FONT`, which the PDF maps to a
 * single-file Chinese TrueType font, so the labels are real text in the PDF.
 */
import type { BarChartSpec } from '../../../../shared/summary/document';
import { requireHere } from './requireHere';
import { wrapLabel } from '../../../../shared/summary/phrasing';

export const CHART_FONT = 'TaizhangChart';

type ECharts = typeof import('echarts');
let loaded: ECharts | null = null;

/**
 * ECharts, loaded on first use (only when a document has a chart) and
 * through require(): its CommonJS build is one file, while the ES-module
 * build is hundreds of files that a TypeScript loader (tsx) would each
 * intercept — about half a second at start-up. The minified "common" build
 * (bar charts, legend, mark lines, SVG renderer: all the summary draws) is
 * a fifth of the size of the full build and compiles in half the time.
 */
export function echartsLib(): ECharts {
  if (!loaded) loaded = requireHere('echarts/dist/echarts.common.min') as ECharts;
  return loaded;
}

/** Greyscale-safe colours: they stay distinct when the document is printed black and white. */
const PALETTE = ['#1F4E79', '#C55A11', '#7F7F7F', '#548235', '#BF9000'];

export function renderBarChartSvg(spec: BarChartSpec, width: number, height: number): string {
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const many = spec.series.length > 1;
    const labelLines = Math.max(1, ...spec.categories.map((c) => wrapLabel(c, many ? 5 : 6).length));
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: `${CHART_FONT}, sans-serif`, fontSize: 11, color: '#000' },
      grid: { left: 48, right: 60, top: many ? 40 : 24, bottom: 22 + 14 * labelLines },
      legend: many ? { top: 4, itemWidth: 14, itemHeight: 10, textStyle: { fontFamily: `${CHART_FONT}, sans-serif`, fontSize: 11 } } : undefined,
      xAxis: {
        type: 'category',
        data: spec.categories,
        axisLabel: {
          interval: 0,
          fontFamily: `${CHART_FONT}, sans-serif`,
          fontSize: 10,
          // Long names wrap between words ("新经济产业 / 集聚区"), never inside one, rather than overlap.
          formatter: (v: string) => wrapLabel(v, many ? 5 : 6).join('\n'),
        },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        name: '完成率（%）',
        nameTextStyle: { fontFamily: `${CHART_FONT}, sans-serif`, fontSize: 10 },
        axisLabel: { fontFamily: `${CHART_FONT}, sans-serif`, fontSize: 10 },
        splitLine: { lineStyle: { color: '#D9D9D9' } },
      },
      series: spec.series.map((s, k) => ({
        type: 'bar',
        name: s.name,
        data: s.values.map((v) => (v == null ? '-' : v)),
        barMaxWidth: 28,
        // Grouped bars are too narrow for labels (the per-unit table beside the chart has the numbers).
        label: {
          show: !many,
          position: 'top',
          fontFamily: `${CHART_FONT}, sans-serif`,
          fontSize: many ? 8 : 10,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : ''),
        },
        markLine:
          k === 0
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed', color: '#C00000' },
                label: { formatter: spec.markLine.label, color: '#C00000', fontFamily: `${CHART_FONT}, sans-serif`, fontSize: 9, position: 'end' },
                data: [{ yAxis: spec.markLine.value }],
              }
            : undefined,
      })),
    });
    return withoutTextOutlines(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts outlines some labels in white and relies on paint-order="stroke"
 * to draw the outline under the fill; the PDF's SVG renderer ignores
 * paint-order and would paint the outline over the text, hiding it.
 */
export function withoutTextOutlines(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) => tag.replace(/\s(?:stroke|stroke-width|paint-order|stroke-miterlimit)="[^"]*"/g, ''));
}
