// The chart's tooltip text: names as the characters they are, a right-to-left override in one
// kept inside it, the values largest first with a total.
import { describe, expect, it } from "vitest";
import { tooltipText } from "./chartOption";

describe("tooltipText", () => {
  it("keeps markup as text and an override inside its name", () => {
    const text = tooltipText(
      [
        { seriesName: "<img src=x onerror=alert(1)>", value: 2, axisValueLabel: "May 2023" },
        { seriesName: "\u202eFabrikam RTL", value: 1, axisValueLabel: "May 2023" },
        { seriesName: "Quiet", value: 0, axisValueLabel: "May 2023" },
      ] as never,
      true,
    );
    expect(text.split("\n")).toEqual([
      "May 2023",
      "\u2068<img src=x onerror=alert(1)>\u2069: 2",
      "\u2068\u202eFabrikam RTL\u2069: 1",
      "Total: 3",
    ]);
  });
});
