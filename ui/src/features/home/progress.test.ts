import { describe, expect, it } from "vitest";
import type { RefreshProgress } from "../../backend";
import { refreshFraction } from "./progress";

const at = (step: number, rows: number, total: number | null): RefreshProgress => ({
  dataset: "subscriptions",
  step,
  steps: 5,
  load: { rows, total, pages: 1, pageCount: null },
});

describe("refreshFraction", () => {
  it("moves while the first data set arrives", () => {
    expect(refreshFraction(at(1, 0, 400))).toBe(0);
    expect(refreshFraction(at(1, 200, 400))).toBeCloseTo(0.1);
  });

  it("counts the data sets done", () => {
    expect(refreshFraction(at(3, 0, 1000))).toBeCloseTo(0.4);
    expect(refreshFraction(at(5, 1000, 1000))).toBe(1);
  });

  it("holds at the step's start when the total is not known, and never passes the end", () => {
    expect(refreshFraction(at(2, 5000, null))).toBeCloseTo(0.2);
    expect(refreshFraction(at(5, 2000, 1000))).toBe(1);
  });
});
