// The chart's tooltip text: names as the characters they are (direction controls aside, which
// the canvas would apply to the whole line), the values largest first with a total.
import { describe, expect, it } from "vitest";
import type { FilterChip } from "../../backend";
import { chartText, tooltipText } from "./chartOption";

describe("tooltipText", () => {
  it("keeps markup as text and drops a right-to-left override", () => {
    const text = tooltipText(
      [
        { seriesName: "<img src=x onerror=alert(1)>", value: 2, axisValueLabel: "May 2023", marker: "{marker0|}" },
        { seriesName: "\u202eFabrikam RTL", value: 1, axisValueLabel: "May 2023", marker: "{marker1|}" },
        { seriesName: "Quiet", value: 0, axisValueLabel: "May 2023", marker: "{marker2|}" },
        { seriesName: "{k1|Sneaky}", value: 1, axisValueLabel: "May 2023", marker: "{marker3|}" },
      ] as never,
      true,
    );
    // Each line has its series' colour key, as ECharts marks it.
    expect(text.split("\n")).toEqual([
      "May 2023",
      "{marker0|}<img src=x onerror=alert(1)>: 2",
      "{marker1|}Fabrikam RTL: 1",
      "{marker3|}{\u2060k1|Sneaky}: 1",
      "Total: 4",
    ]);
  });
});

describe("chartText", () => {
  it("drops every direction control and nothing else", () => {
    expect(chartText("\u202aA\u202bB\u202cC\u202dD\u202eE\u2066F\u2067G\u2068H\u2069I\u200eJ\u200fK")).toBe("ABCDEFGHIJK");
    expect(chartText("שלום Contoso <b>&amp;</b> =SUM(1)")).toBe("שלום Contoso <b>&amp;</b> =SUM(1)");
  });
});

describe("cellText", () => {
  it("shows a name with a right-to-left override as its letters, not reversed", async () => {
    const { cellText } = await import("./cells");
    const col = { name: "customerName", label: "Customer", kind: "text", role: "group" } as const;
    expect(cellText("\u202eFabrikam RTL", col, null)).toBe("Fabrikam RTL");
    expect(cellText("שלום Contoso", col, null)).toBe("שלום Contoso");
  });
});

describe("exportName", () => {
  it("names a file for what it holds, in characters every system takes", async () => {
    const { exportName } = await import("./chips");
    const chips: FilterChip[] = [
      { kind: "values", field: "meterCategory", values: ["Storage"], exclude: false },
      { kind: "values", field: "resourceLocation", values: ["west/europe"], exclude: false },
      { kind: "values", field: "customerName", values: ["A"], exclude: true },
      { kind: "dates", field: "usageDate", range: { preset: "last30Days" } },
    ];
    expect(exportName("Azure usage", chips, "2026-12-08")).toBe("Azure usage - Storage - west-europe - Last 30 days");
    expect(exportName("Subscriptions", [], "2026-12-08")).toBe("Subscriptions - 2026-12-08");
    expect(exportName("S", [{ kind: "contains", field: "x", text: "y".repeat(200) }], "d").length).toBeLessThanOrEqual(120);
  });
});
