// A cell of an answer or of a row, as the person reads it: numbers with separators, periods by
// name, changes with their sign, dates in their locale, empty as a dash.
import type { Cell, ColumnInfo, Period } from "../../backend";
import { chartText } from "./chartOption";
import { formatChange, formatDate, formatDateTime, formatNumber, formatPercent, periodLabel } from "../../lib/format";

export function cellText(c: Cell, col: ColumnInfo, period: Period | null): string {
  if (c === null) return col.role === "group" ? "(empty)" : "–";
  if (typeof c === "boolean") return c ? "Yes" : "No";
  if (typeof c === "number") {
    if (col.role === "change") return formatChange(c);
    if (col.role === "changePct") return formatPercent(c);
    return formatNumber(c);
  }
  if (col.kind === "date") {
    if (col.role === "period" && period) return periodLabel(c, period);
    return c.length <= 10 ? formatDate(c) : formatDateTime(c);
  }
  // A right-to-left override inside a name would show it reversed ("makirbaF"), and run on into
  // the cells beside it: the direction controls are left out, as in the chart.
  return chartText(c);
}

/// A value to sort by: numbers as numbers, empty last.
export function sortKey(c: Cell): number | string {
  if (c === null) return Number.NEGATIVE_INFINITY;
  if (typeof c === "boolean") return c ? 1 : 0;
  return c;
}
