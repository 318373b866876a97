import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { Chart } from "../backend";
import { formatNumber } from "../lib/format";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

// Microsoft's data colours: distinct in print and for the common colour-vision deficiencies.
export const PALETTE = ["#0F6CBD", "#D83B01", "#107C10", "#8764B8", "#00B7C3", "#FFB900", "#E3008C", "#4F6BED", "#498205", "#8A8886"];

/// More periods than this and the chart opens on the most recent ones, with a slider.
const VISIBLE = 60;

interface TooltipItem {
  axisValueLabel: string;
  seriesName: string;
  value: number | null;
}

/// The period, then its non-zero series largest first, then the total.
export function tooltipText(items: TooltipItem[]): string {
  if (!items.length) return "";
  const shown = items.filter((i) => typeof i.value === "number" && i.value !== 0).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const total = shown.reduce((acc, i) => acc + (i.value ?? 0), 0);
  const lines = shown.map((i) => `${i.seriesName}: ${formatNumber(i.value)}`);
  if (shown.length > 1) lines.push(`Total: ${formatNumber(total)}`);
  if (!shown.length) lines.push("None");
  return [items[0].axisValueLabel, ...lines].join("\n");
}

export function chartOption(chart: Chart): echarts.EChartsCoreOption {
  const many = chart.x.length > VISIBLE;
  const start = many ? 100 - (VISIBLE / chart.x.length) * 100 : 0;
  return {
    color: PALETTE,
    animationDuration: 300,
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      // Drawn in the canvas: the HTML tooltip styles itself with inline style attributes,
      // which the window's Content-Security-Policy (rightly) refuses.
      renderMode: "richText",
      formatter: (params: unknown) => tooltipText(params as TooltipItem[]),
    },
    // Legend above the plot: ECharts' default would sit on the x-axis labels.
    legend: { type: "scroll", top: 0, left: 0, right: 0 },
    grid: { top: 40, left: 8, right: 16, bottom: many ? 64 : 24, containLabel: true },
    xAxis: { type: "category", data: chart.labels, axisTick: { alignWithLabel: true } },
    // No axis name: the card's title says what is counted, and a name here would sit on the legend.
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => formatNumber(v) } },
    dataZoom: many ? [{ type: "inside", start, end: 100 }, { type: "slider", start, end: 100, height: 22, bottom: 12 }] : [],
    series: chart.series.map((s) => ({
      name: s.name,
      type: "bar",
      stack: "total",
      emphasis: { focus: "series" },
      barMaxWidth: 48,
      data: s.values,
    })),
  };
}

export function TrendChart({ chart, valueLabel }: { chart: Chart; valueLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  const instance = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const inst = echarts.init(host.current);
    instance.current = inst;
    const ro = new ResizeObserver(() => inst.resize());
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      inst.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    instance.current?.setOption(chartOption(chart), { notMerge: true });
  }, [chart]);

  return (
    <div
      ref={host}
      role="img"
      aria-label={`${valueLabel} by ${chart.labels.length} periods`}
      data-testid="trend-chart"
      data-periods={chart.x.length}
      data-series={chart.series.length}
      data-first-period={chart.labels[0] ?? ""}
      style={{ width: "100%", height: 340 }}
    />
  );
}
