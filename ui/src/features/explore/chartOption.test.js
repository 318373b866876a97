// The chart's tooltip text: names as the characters they are (direction controls aside, which
// the canvas would apply to the whole line), the values largest first with a total.
import { describe, expect, it } from "vitest";
import { chartText, tooltipText } from "./chartOption";
describe("tooltipText", () => {
    it("keeps markup as text and drops a right-to-left override", () => {
        const text = tooltipText([
            { seriesName: "<img src=x onerror=alert(1)>", value: 2, axisValueLabel: "May 2023" },
            { seriesName: "\u202eFabrikam RTL", value: 1, axisValueLabel: "May 2023" },
            { seriesName: "Quiet", value: 0, axisValueLabel: "May 2023" },
        ], true);
        expect(text.split("\n")).toEqual([
            "May 2023",
            "<img src=x onerror=alert(1)>: 2",
            "Fabrikam RTL: 1",
            "Total: 3",
        ]);
    });
});
describe("chartText", () => {
    it("drops every direction control and nothing else", () => {
        expect(chartText("\u202aA\u202bB\u202cC\u202dD\u202eE\u2066F\u2067G\u2068H\u2069I\u200eJ\u200fK")).toBe("ABCDEFGHIJK");
        expect(chartText("שלום Contoso <b>&amp;</b> =SUM(1)")).toBe("שלום Contoso <b>&amp;</b> =SUM(1)");
    });
});
