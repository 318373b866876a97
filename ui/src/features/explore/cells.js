import { formatChange, formatDate, formatDateTime, formatNumber, formatPercent, periodLabel } from "../../lib/format";
export function cellText(c, col, period) {
    if (c === null)
        return col.role === "group" ? "(empty)" : "–";
    if (typeof c === "boolean")
        return c ? "Yes" : "No";
    if (typeof c === "number") {
        if (col.role === "change")
            return formatChange(c);
        if (col.role === "changePct")
            return formatPercent(c);
        return formatNumber(c);
    }
    if (col.kind === "date") {
        if (col.role === "period" && period)
            return periodLabel(c, period);
        return c.length <= 10 ? formatDate(c) : formatDateTime(c);
    }
    return c;
}
/// A value to sort by: numbers as numbers, empty last.
export function sortKey(c) {
    if (c === null)
        return Number.NEGATIVE_INFINITY;
    if (typeof c === "boolean")
        return c ? 1 : 0;
    return c;
}
