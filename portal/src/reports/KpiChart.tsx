// One KPI chart drawn by Apache ECharts. Only what these charts use is registered (bars, lines, a
// grid, the legend, the tooltip, the target's mark line, the SVG renderer), through echarts/core,
// and this module is imported lazily by the reports page, so neither the public pages nor the
// report's table wait for it. The chart is one image to assistive technology (role="img" with a
// description in the reader's language); the table beside it carries every figure.
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export interface ChartSeries {
  readonly name: string;
  readonly kind: 'bar' | 'line';
  /** Percentages (0..100), null where there is nothing to show. */
  readonly values: readonly (number | null)[];
}

export interface KpiChartProps {
  /** Which chart (data-chart, for tests and styles). */
  readonly id: string;
  /** The months' labels on the category axis, in the reader's language. */
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  /** A horizontal target line (percent), with its label. */
  readonly target?: { readonly value: number; readonly label: string };
  /** What the chart shows, said in words: the image's accessible name. */
  readonly description: string;
  /** Formats an axis or tooltip value (percent in the reader's language). */
  readonly format: (value: number) => string;
}

// Colours at 3:1 or better against white, told apart by shape too (bars vs line, dashed target).
const palette = ['#0b4f9c', '#7a3e9d', '#1d6b3a', '#a4161a'];

export default function KpiChart({ id, labels, series, target, description, format }: KpiChartProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const dom = element.current;
    if (!dom) return;
    const chart = init(dom, null, { renderer: 'svg' });
    const option: ChartOption = {
      animation: false,
      color: palette,
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: '#1b1f24' } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) => (typeof value === 'number' ? format(value) : ''),
      },
      xAxis: { type: 'category', data: [...labels], axisLabel: { color: '#1b1f24' } },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: '#1b1f24', formatter: (value: number) => format(value) },
      },
      series: series.map((s, index) => {
        const common = {
          name: s.name,
          data: [...s.values],
          ...(index === 0 && target
            ? {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#a4161a', type: 'dashed' as const, width: 2 },
                  label: { formatter: target.label, color: '#1b1f24', position: 'insideEndTop' as const },
                  data: [{ yAxis: target.value }],
                },
              }
            : {}),
        };
        return s.kind === 'bar'
          ? ({ ...common, type: 'bar' } satisfies BarSeriesOption)
          : ({ ...common, type: 'line', connectNulls: false, symbolSize: 8 } satisfies LineSeriesOption);
      }),
    };
    chart.setOption(option);
    // Follow the page's width (375 px phones up): the chart fills its box.
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(dom);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [labels, series, target, format]);
  return <div ref={element} className="kpi-chart" data-chart={id} role="img" aria-label={description} />;
}
