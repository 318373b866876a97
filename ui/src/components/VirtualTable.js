import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// A table that shows only the rows in view, so 100,000 of them scroll smoothly: sticky header,
// sortable columns (click or Enter on a header), numbers right-aligned, an action per row.
import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from "@fluentui/react-icons";
export const ROW_HEIGHT = 34;
const useStyles = makeStyles({
    scroller: {
        overflow: "auto",
        border: `1px solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
        background: tokens.colorNeutralBackground1,
    },
    table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase300 },
    th: {
        position: "sticky",
        top: 0,
        background: tokens.colorNeutralBackground3,
        textAlign: "left",
        fontWeight: tokens.fontWeightSemibold,
        padding: "8px 12px",
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
        cursor: "pointer",
        userSelect: "none",
        whiteSpace: "nowrap",
        zIndex: 1,
        ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
    },
    num: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
    td: {
        padding: "0 12px",
        height: `${ROW_HEIGHT}px`,
        borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
        whiteSpace: "nowrap",
        maxWidth: "420px",
        overflow: "hidden",
        textOverflow: "ellipsis",
    },
    loading: { color: tokens.colorNeutralForeground4 },
    sortIcon: { verticalAlign: "middle", marginLeft: "4px" },
    actionCell: { width: "1%", padding: "0 8px" },
});
export function VirtualTable({ columns, rowCount, cell, sort, onSort, rowAction, height = 380, testId, label, onRange, }) {
    const s = useStyles();
    const scroller = useRef(null);
    const virtual = useVirtualizer({
        count: rowCount,
        getScrollElement: () => scroller.current,
        estimateSize: () => ROW_HEIGHT,
        overscan: 12,
        initialRect: { width: 800, height },
    });
    const items = virtual.getVirtualItems();
    const first = items.length ? items[0].index : 0;
    const last = items.length ? items[items.length - 1].index : 0;
    useEffect(() => {
        if (onRange && rowCount)
            onRange(first, last);
    }, [onRange, first, last, rowCount]);
    const padTop = items.length ? items[0].start : 0;
    const padBottom = items.length ? virtual.getTotalSize() - items[items.length - 1].end : 0;
    // Class names worked out once a render, not once a cell: scrolling renders hundreds of cells.
    const cellClass = {
        text: s.td,
        num: mergeClasses(s.td, s.num),
        loadingText: mergeClasses(s.td, s.loading),
        loadingNum: mergeClasses(s.td, s.num, s.loading),
    };
    const toggle = (id) => onSort(sort?.by !== id ? { by: id, descending: false } : sort.descending ? null : { by: id, descending: true });
    return (_jsx("div", { ref: scroller, className: s.scroller, style: { height: Math.min(height, ROW_HEIGHT * (rowCount + 1) + 4) }, "data-testid": testId, "data-rows": rowCount, tabIndex: 0, role: "region", "aria-label": label, children: _jsxs("table", { className: s.table, "aria-rowcount": rowCount + 1, children: [_jsx("thead", { children: _jsxs("tr", { children: [columns.map((c) => {
                                const sorted = sort?.by === c.id ? (sort.descending ? "descending" : "ascending") : "none";
                                return (_jsxs("th", { className: mergeClasses(s.th, c.numeric && s.num), onClick: () => toggle(c.id), onKeyDown: (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), toggle(c.id)), tabIndex: 0, "aria-sort": sorted, scope: "col", "data-column": c.id, children: [c.label, sorted === "ascending" ? _jsx(ArrowSortUp16Regular, { className: s.sortIcon }) : null, sorted === "descending" ? _jsx(ArrowSortDown16Regular, { className: s.sortIcon }) : null] }, c.id));
                            }), rowAction ? (_jsx("th", { className: s.th, scope: "col", children: _jsx("span", { style: { position: "absolute", width: 1, height: 1, overflow: "hidden", clipPath: "inset(50%)" }, children: "Actions" }) })) : null] }) }), _jsxs("tbody", { children: [padTop > 0 ? _jsx("tr", { style: { height: padTop }, "aria-hidden": "true" }) : null, items.map((vi) => (_jsxs("tr", { "data-index": vi.index, "aria-rowindex": vi.index + 2, children: [columns.map((c) => {
                                    const text = cell(vi.index, c.id);
                                    return (_jsx("td", { className: text === null ? (c.numeric ? cellClass.loadingNum : cellClass.loadingText) : c.numeric ? cellClass.num : cellClass.text, children: text ?? "…" }, c.id));
                                }), rowAction ? _jsx("td", { className: mergeClasses(s.td, s.actionCell), children: rowAction(vi.index) }) : null] }, vi.key))), padBottom > 0 ? _jsx("tr", { style: { height: padBottom }, "aria-hidden": "true" }) : null] })] }) }));
}
