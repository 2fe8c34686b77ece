/**
 * ECharts for the dashboard, loaded with the page (dynamic import from
 * EChart.tsx), never in the first bundle: only the parts the charts use
 * (bars, lines, mark lines, legend, tooltip) and the canvas renderer.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
