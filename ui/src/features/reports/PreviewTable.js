import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The preview of a report's question: at most 100 rows, run on the service, as a table.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { formatNumber, previewColumn } from "../../lib/format";
const useStyles = makeStyles({
    wrap: { maxHeight: "320px", overflow: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
    muted: { color: tokens.colorNeutralForeground3 },
    head: { position: "sticky", top: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1 },
    cell: { whiteSpace: "nowrap" },
});
export function PreviewTable({ preview, labels }) {
    const s = useStyles();
    // Formatted column by column: whether dates are months depends on the whole column.
    const shown = useMemo(() => {
        const columns = preview.columns.map((_, j) => previewColumn(preview.rows.map((r) => r[j] ?? "")));
        return preview.rows.map((_, i) => columns.map((c) => c[i]));
    }, [preview]);
    if (preview.rows.length === 0) {
        return _jsx(Text, { className: s.muted, children: "The question has no rows in this time range. Widen the range or remove a filter." });
    }
    return (_jsxs(_Fragment, { children: [_jsxs(Text, { className: s.muted, "data-testid": "preview-count", children: [formatNumber(preview.rows.length), " ", preview.rows.length === 1 ? "row" : "rows", " (a preview shows at most 100)"] }), _jsx("div", { className: s.wrap, children: _jsxs(Table, { size: "small", "aria-label": "Preview", "data-testid": "preview-table", children: [_jsx(TableHeader, { className: s.head, children: _jsx(TableRow, { children: preview.columns.map((c) => (_jsx(TableHeaderCell, { className: s.cell, children: labels.get(c) ?? c }, c))) }) }), _jsx(TableBody, { children: shown.map((r, i) => (_jsx(TableRow, { children: r.map((v, j) => (_jsx(TableCell, { className: s.cell, children: v }, j))) }, i))) })] }) })] }));
}
