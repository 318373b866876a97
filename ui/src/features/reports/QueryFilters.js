import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The builder's filters: one row per condition, a column, the operators that fit its type, and
// the value typed (or a list, one per line, for "is one of").
import { Button, Input, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { Add16Regular, Dismiss16Regular } from "@fluentui/react-icons";
const useStyles = makeStyles({
    box: { display: "flex", flexDirection: "column", gap: "8px" },
    row: { display: "flex", gap: "8px", alignItems: "flex-start", flexWrap: "wrap" },
    value: { minWidth: "220px", flex: 1 },
    muted: { color: tokens.colorNeutralForeground3 },
});
const TEXT_OPS = [
    ["eq", "is"],
    ["ne", "is not"],
    ["in", "is one of"],
    ["notIn", "is none of"],
    ["like", "looks like (% for any text)"],
    ["notLike", "does not look like"],
];
const ORDERED_OPS = [
    ["eq", "is"],
    ["ne", "is not"],
    ["gt", "is more than"],
    ["ge", "is at least"],
    ["lt", "is less than"],
    ["le", "is at most"],
    ["in", "is one of"],
];
export function opsFor(kind) {
    return kind === "text" ? TEXT_OPS : ORDERED_OPS;
}
export function QueryFilters({ columns, filters, onChange }) {
    const s = useStyles();
    const set = (i, f) => onChange(filters.map((x, j) => (j === i ? f : x)));
    const kindOf = (name) => columns.find((c) => c.name === name)?.kind ?? "text";
    return (_jsxs("div", { className: s.box, "data-testid": "query-filters", children: [_jsx(Text, { weight: "semibold", children: "Filters" }), filters.length === 0 ? _jsx(Text, { className: s.muted, children: "Every row of the time range. Add a filter to narrow it." }) : null, filters.map((f, i) => {
                const list = f.op === "in" || f.op === "notIn";
                const kind = kindOf(f.column);
                return (_jsxs("div", { className: s.row, "data-testid": `query-filter-${i}`, children: [_jsx(Select, { "aria-label": "Column", value: f.column, onChange: (_, d) => set(i, { column: d.value, op: opsFor(kindOf(d.value))[0][0], values: [] }), "data-testid": `query-filter-${i}-column`, children: columns.map((c) => (_jsx("option", { value: c.name, children: c.label }, c.name))) }), _jsx(Select, { "aria-label": "Condition", value: f.op, onChange: (_, d) => set(i, { ...f, op: d.value }), "data-testid": `query-filter-${i}-op`, children: opsFor(kind).map(([op, words]) => (_jsx("option", { value: op, children: words }, op))) }), list ? (_jsx(Textarea, { className: s.value, "aria-label": "Values, one per line", placeholder: "One value per line", value: f.values.join("\n"), onChange: (_, d) => set(i, { ...f, values: d.value.split("\n") }), "data-testid": `query-filter-${i}-values` })) : (_jsx(Input, { className: s.value, "aria-label": "Value", type: kind === "number" ? "number" : kind === "date" ? "date" : "text", value: f.values[0] ?? "", onChange: (_, d) => set(i, { ...f, values: [d.value] }), "data-testid": `query-filter-${i}-value` })), _jsx(Button, { appearance: "subtle", icon: _jsx(Dismiss16Regular, {}), "aria-label": "Remove this filter", onClick: () => onChange(filters.filter((_, j) => j !== i)) })] }, i));
            }), _jsx("div", { children: _jsx(Button, { size: "small", icon: _jsx(Add16Regular, {}), disabled: columns.length === 0, onClick: () => onChange([...filters, { column: columns[0].name, op: opsFor(columns[0].kind)[0][0], values: [] }]), "data-testid": "add-query-filter", children: "Add filter" }) })] }));
}
