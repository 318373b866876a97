// The month Home's early tiles are about, across a year's turn.
import { describe, expect, it } from "vitest";
import { lastCompleteMonth, previewColumn } from "./format";
describe("lastCompleteMonth", () => {
    it("is the month before, in Home's words", () => {
        expect(lastCompleteMonth("2026-12-06")).toBe("November 2026");
        expect(lastCompleteMonth("2026-01-01")).toBe("December 2025");
        expect(lastCompleteMonth("2024-03-31")).toBe("February 2024");
    });
});
describe("previewColumn", () => {
    it("writes a column of first-of-month dates as months", () => {
        expect(previewColumn(["2026-09-01", "2026-10-01", ""])).toEqual(["Sep 2026", "Oct 2026", ""]);
        expect(previewColumn(["2026-11-01T00:00:00Z"])).toEqual(["Nov 2026"]);
    });
    it("writes other dates as days", () => {
        expect(previewColumn(["2026-09-01", "2026-09-15"])).toEqual(["Sep 1, 2026", "Sep 15, 2026"]);
    });
    it("leaves anything else as the service sent it", () => {
        expect(previewColumn(["FR", "2026-09-01"])).toEqual(["FR", "2026-09-01"]);
        expect(previewColumn(["193", "184"])).toEqual(["193", "184"]);
        expect(previewColumn(["2026-09-01T10:30:00Z"])).toEqual(["2026-09-01T10:30:00Z"]);
        expect(previewColumn([])).toEqual([]);
    });
});
