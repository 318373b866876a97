import { describe, expect, it } from "vitest";
import { useState } from "react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ExploreAnswer, TableLayout } from "../../backend";
import { AnswerTable, countWords } from "./AnswerTable";

// Three months; October held nothing (a period the chart fills with zeros).
const answer: ExploreAnswer = {
  table: {
    rows: 3,
    columns: [
      { name: "creationDate", kind: "date", values: ["2026-09-01T00:00:00", "2026-10-01T00:00:00", "2026-11-01T00:00:00"] },
      { name: "count", kind: "number", values: [4, 0, 2] },
    ],
  },
  columns: [
    { name: "creationDate", label: "Creation date", kind: "date", role: "period" },
    { name: "count", label: "Subscriptions", kind: "number", role: "metric" },
  ],
  chart: null,
  chartKind: "bar",
  chartMetric: "Subscriptions",
  rowsMatched: 6,
  source: { tableRows: 6, fetchedAt: 0, serviceFilter: null, localFilter: null, summary: "" },
};

function Harness() {
  const [layout, setLayout] = useState<TableLayout & { hidden: string[] }>({ hidden: [] });
  return (
    <FluentProvider theme={webLightTheme}>
      <AnswerTable answer={answer} period="month" layout={layout} onLayout={setLayout} onRows={() => {}} />
    </FluentProvider>
  );
}

describe("The answer's table", () => {
  it("lists newest first, leaves empty periods out unless asked, and says what it counts", async () => {
    render(<Harness />);
    const lines = () => within(screen.getByTestId("answer-table")).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(lines()).toHaveLength(2);
    expect(lines()[0]).toContain("Nov 2026");
    expect(lines()[1]).toContain("Sep 2026");
    expect(screen.getByTestId("answer-count").textContent).toBe("2 lines, one per month");
    await userEvent.click(screen.getByLabelText("Show 1 empty line"));
    expect(lines()).toHaveLength(3);
    expect(lines()[1]).toContain("Oct 2026");
    expect(screen.getByTestId("answer-count").textContent).toBe("3 lines, one per month");
  });

  it("words its count", () => {
    expect(countWords(600, 600, [])).toBe("600 rows");
    expect(countWords(12, 96, ["week", "meter category"])).toBe("12 of 96 lines, one per week and meter category");
    expect(countWords(1, 1, ["month"])).toBe("1 line, one per month");
  });
});
