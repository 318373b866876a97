// The ECharts option for an answer's chart: locale numbers and period names, a legend that
// scrolls, zoom for long time axes, ARIA descriptions and decal patterns for colour-blind readers.
import type { EChartsCoreOption } from "echarts/core";
import type { Chart, ChartKind, Period } from "../../backend";
import { formatNumber, periodLabel } from "../../lib/format";
import { valueLabel } from "./chips";

// Microsoft's data colours: distinct in print and for the common colour-vision deficiencies.
export const PALETTE = ["#0F6CBD", "#D83B01", "#107C10", "#8764B8", "#00B7C3", "#FFB900", "#E3008C", "#4F6BED", "#498205", "#8A8886"];

/// More points than this and the chart opens on the most recent ones, with a slider.
const VISIBLE = 60;

interface TooltipItem {
  axisValueLabel: string;
  seriesName: string;
  /// The series' colour key as ECharts makes it for rich text (`{marker0|}`, its style
  /// registered with the tooltip).
  marker?: string;
  value: number | null;
}

/// A name as text in the canvas's rich text, where `{style|…}` is markup: a word joiner after
/// each brace keeps a customer named "{k1|x}" from being read as such.
function plain(name: string): string {
  return name.replace(/\{/g, "{\u2060");
}

/// Unicode's direction controls (embeddings, overrides, isolates and marks).
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/// A name as the window shows it: without direction controls. The chart paints its legend and
/// tooltip on a canvas, where a right-to-left override in a customer's name reorders the whole
/// line ("1 :LTR makirbaF") and isolates around it are not honoured; in the tables it showed the
/// name reversed. Right-to-left scripts still read right to left (that is the text itself, not a
/// control); exported files keep the name exactly as it came.
export function chartText(name: string): string {
  return name.replace(BIDI_CONTROLS, "");
}

/// The period, then its non-zero series largest first, then the total.
export function tooltipText(items: TooltipItem[], additive: boolean): string {
  if (!items.length) return "";
  const shown = items
    .filter((i) => typeof i.value === "number" && i.value !== 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const total = shown.reduce((acc, i) => acc + (i.value ?? 0), 0);
  const key = (i: TooltipItem) => (typeof i.marker === "string" ? i.marker : "");
  const lines = shown.slice(0, 12).map((i) => `${key(i)}${plain(chartText(i.seriesName))}: ${formatNumber(i.value)}`);
  if (shown.length > 12) lines.push(`…and ${shown.length - 12} more`);
  if (additive && shown.length > 1) lines.push(`Total: ${formatNumber(total)}`);
  if (!shown.length) lines.push("Nothing in this period");
  return [items[0].axisValueLabel, ...lines].join("\n");
}

/// The x axis labels as people read them.
export function xLabels(chart: Chart, period: Period | null): string[] {
  return chart.xField === null && period ? chart.x.map((x) => periodLabel(x, period)) : chart.x.map((x) => valueLabel(x));
}

export function seriesLabel(chart: Chart, name: string, metricLabel: string): string {
  return chart.seriesFields.length === 0 ? metricLabel : name;
}

export function chartOption(
  chart: Chart,
  kind: ChartKind,
  period: Period | null,
  metricLabel: string,
  additive: boolean,
): EChartsCoreOption {
  const labels = xLabels(chart, period);
  const many = chart.x.length > VISIBLE;
  const start = many ? 100 - (VISIBLE / chart.x.length) * 100 : 0;
  const bars = kind === "bar" || kind === "stacked";
  return {
    color: PALETTE,
    backgroundColor: "transparent",
    animationDuration: 300,
    aria: { enabled: true, decal: { show: bars && chart.series.length > 1 } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: bars ? "shadow" : "line" },
      confine: true,
      // Drawn in the canvas: the HTML tooltip styles itself with inline style attributes,
      // which the window's Content-Security-Policy (rightly) refuses. Text is text there:
      // a customer named "<img onerror=…>" is shown as those characters.
      renderMode: "richText",
      formatter: (params: unknown) => tooltipText(params as TooltipItem[], additive),
    },
    // Legend above the plot: ECharts' default would sit on the x-axis labels. A long name ends
    // in "…" and shows whole when pointed at.
    legend:
      chart.series.length > 1
        ? {
            type: "scroll",
            top: 0,
            left: 0,
            right: 0,
            textStyle: { width: 200, overflow: "truncate", ellipsis: "…" },
            tooltip: { show: true },
          }
        : undefined,
    grid: { top: chart.series.length > 1 ? 40 : 16, left: 8, right: 24, bottom: many ? 64 : 24, containLabel: true },
    xAxis: {
      type: "category",
      data: labels,
      axisTick: { alignWithLabel: true },
      axisLabel: { hideOverlap: true },
    },
    // Counts have no halves: whole-number ticks when every value is whole.
    yAxis: {
      type: "value",
      minInterval: chart.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v))) ? 1 : undefined,
      axisLabel: { formatter: (v: number) => formatNumber(v) },
    },
    dataZoom: many
      ? [
          { type: "inside", start, end: 100 },
          { type: "slider", start, end: 100, height: 22, bottom: 12 },
        ]
      : [],
    series: chart.series.map((s) => ({
      name: chartText(seriesLabel(chart, s.name, metricLabel)),
      type: bars ? "bar" : "line",
      stack: kind === "stacked" ? "total" : undefined,
      emphasis: { focus: "series" },
      barMaxWidth: 48,
      showSymbol: chart.x.length <= 90,
      data: s.values,
    })),
  };
}
