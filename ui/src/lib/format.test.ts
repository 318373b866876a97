// The month Home's early tiles are about, across a year's turn.
import { describe, expect, it } from "vitest";
import { lastCompleteMonth } from "./format";

describe("lastCompleteMonth", () => {
  it("is the month before, in Home's words", () => {
    expect(lastCompleteMonth("2026-12-06")).toBe("November 2026");
    expect(lastCompleteMonth("2026-01-01")).toBe("December 2025");
    expect(lastCompleteMonth("2024-03-31")).toBe("February 2024");
  });
});
