import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The answer as a table: sortable, searchable, columns to choose, a row count, and "See the
// rows" behind any group. What it shows (columns, order, sort, search) is what an export writes.
import { useMemo } from "react";
import { Button, SearchBox, Text, makeStyles, tokens } from "@fluentui/react-components";
import { TableSearch20Regular } from "@fluentui/react-icons";
import { VirtualTable } from "../../components/VirtualTable";
import { formatNumber } from "../../lib/format";
import { cellText, sortKey } from "./cells";
import { ColumnChooser } from "./ColumnChooser";
const useStyles = makeStyles({
    tools: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap", marginBottom: "8px" },
    count: { color: tokens.colorNeutralForeground3, flex: 1 },
});
export function AnswerTable({ answer, period, layout, onLayout, onRows, }) {
    const s = useStyles();
    const cols = answer.columns;
    const shownCols = cols.filter((c) => !layout.hidden.includes(c.name));
    const index = (name) => cols.findIndex((c) => c.name === name);
    const rows = useMemo(() => {
        let r = Array.from({ length: answer.table.rows }, (_, i) => i);
        const needle = layout.search?.trim().toLowerCase();
        if (needle) {
            r = r.filter((i) => cols.some((_, ci) => {
                const v = answer.table.columns[ci].values[i];
                return typeof v === "string" && v.toLowerCase().includes(needle);
            }));
        }
        const sort = layout.sort;
        if (sort) {
            const ci = index(sort.by);
            if (ci >= 0) {
                const vals = answer.table.columns[ci].values;
                r = [...r].sort((a, b) => {
                    const x = sortKey(vals[a]);
                    const y = sortKey(vals[b]);
                    const c = x < y ? -1 : x > y ? 1 : 0;
                    return sort.descending ? -c : c;
                });
            }
        }
        return r;
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [answer, layout.search, layout.sort]);
    const groupCols = cols.filter((c) => c.role === "group" || c.role === "period");
    const groupOf = (row) => groupCols.map((c) => {
        const v = answer.table.columns[index(c.name)].values[row];
        return { field: c.name, value: v === null ? null : String(v).slice(0, c.role === "period" ? 10 : undefined) };
    });
    const groupLabel = (row) => groupCols.map((c) => cellText(answer.table.columns[index(c.name)].values[row], c, period)).join(" · ");
    return (_jsxs("div", { children: [_jsxs("div", { className: s.tools, children: [_jsx(Text, { className: s.count, "data-testid": "answer-count", children: rows.length === answer.table.rows
                            ? `${formatNumber(answer.table.rows)} ${answer.table.rows === 1 ? "row" : "rows"}`
                            : `${formatNumber(rows.length)} of ${formatNumber(answer.table.rows)} rows` }), _jsx(SearchBox, { "aria-label": "Search the table", placeholder: "Search the table", value: layout.search ?? "", onChange: (_, d) => onLayout({ ...layout, search: d.value }) }), _jsx(ColumnChooser, { columns: cols.map((c) => ({ id: c.name, label: c.label })), hidden: layout.hidden, onChange: (hidden) => onLayout({ ...layout, hidden, columns: cols.filter((c) => !hidden.includes(c.name)).map((c) => c.name) }) })] }), _jsx(VirtualTable, { testId: "answer-table", label: "The answer as a table", columns: shownCols.map((c) => ({ id: c.name, label: c.label, numeric: c.kind === "number" })), rowCount: rows.length, cell: (r, id) => {
                    const ci = index(id);
                    return cellText(answer.table.columns[ci].values[rows[r]], cols[ci], period);
                }, sort: layout.sort ? { by: layout.sort.by, descending: layout.sort.descending } : null, onSort: (sort) => onLayout({ ...layout, sort }), rowAction: groupCols.length
                    ? (r) => (_jsx(Button, { size: "small", appearance: "subtle", icon: _jsx(TableSearch20Regular, {}), onClick: () => onRows(groupOf(rows[r]), groupLabel(rows[r])), "aria-label": `See the rows of ${groupLabel(rows[r])}`, "data-testid": "see-rows", children: "See the rows" }))
                    : undefined })] }));
}
