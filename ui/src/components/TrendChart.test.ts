import { describe, expect, it } from "vitest";
import { chartOption, tooltipText } from "./TrendChart";

describe("chartOption", () => {
  const chart = { x: ["2026-01-01"], labels: ["Jan 2026"], metric: "count", series: [{ name: "Office", values: [3] }] };

  it("stacks the series and keeps the legend off the axis labels", () => {
    const o = chartOption(chart) as { legend: { top: number }; series: { stack: string }[]; dataZoom: unknown[] };
    expect(o.legend.top).toBe(0);
    expect(o.series[0].stack).toBe("total");
    expect(o.dataZoom).toEqual([]);
  });

  it("opens long ranges on the most recent periods with a slider", () => {
    const x = Array.from({ length: 120 }, (_, i) => `p${i}`);
    const o = chartOption({ ...chart, x, labels: x, series: [{ name: "a", values: x.map(() => 1) }] }) as { dataZoom: { start: number }[] };
    expect(o.dataZoom).toHaveLength(2);
    expect(o.dataZoom[0].start).toBe(50);
  });
});

describe("tooltipText", () => {
  it("lists the non-zero series largest first with a total", () => {
    const text = tooltipText([
      { axisValueLabel: "W05 2026", seriesName: "Azure", value: 0 },
      { axisValueLabel: "W05 2026", seriesName: "Office", value: 1200 },
      { axisValueLabel: "W05 2026", seriesName: "EMS", value: 30 },
    ]);
    expect(text).toBe("W05 2026\nOffice: 1,200\nEMS: 30\nTotal: 1,230");
  });
});

import { words } from "../lib/format";

describe("words", () => {
  it("turns field names into plain words", () => {
    expect(words("creationDate")).toBe("Creation date");
    expect(words("customerTenantId")).toBe("Customer tenant ID");
  });
});
