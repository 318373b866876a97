import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// A searchable list of checkboxes (the builder's columns and metrics): type to narrow it, tick
// what the report should have. The ticked ones stay in the order they were ticked.
import { useState } from "react";
import { Checkbox, SearchBox, Text, makeStyles, tokens } from "@fluentui/react-components";
const useStyles = makeStyles({
    box: { display: "flex", flexDirection: "column", gap: "6px", minWidth: "240px", flex: 1 },
    list: {
        display: "flex",
        flexDirection: "column",
        maxHeight: "220px",
        overflowY: "auto",
        border: `1px solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
        padding: "4px 0",
    },
    muted: { color: tokens.colorNeutralForeground3, padding: "4px 8px" },
});
export function CheckList({ label, options, chosen, onChange, testId, }) {
    const s = useStyles();
    const [search, setSearch] = useState("");
    const q = search.trim().toLowerCase();
    const shown = options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.name.toLowerCase().includes(q));
    return (_jsxs("div", { className: s.box, "data-testid": testId, children: [_jsxs(Text, { weight: "semibold", children: [label, " ", chosen.length ? `(${chosen.length} chosen)` : ""] }), _jsx(SearchBox, { size: "small", placeholder: `Find a ${label.toLowerCase().replace(/s$/, "")}`, value: search, onChange: (_, d) => setSearch(d.value), "aria-label": `Find in ${label}` }), _jsxs("div", { className: s.list, role: "group", "aria-label": label, children: [shown.map((o) => (_jsx(Checkbox, { label: o.label, checked: chosen.includes(o.name), onChange: (_, d) => onChange(d.checked ? [...chosen, o.name] : chosen.filter((c) => c !== o.name)), "data-testid": `${testId}-${o.name}` }, o.name))), shown.length === 0 ? _jsxs(Text, { className: s.muted, children: ["Nothing matches \u201C", search, "\u201D."] }) : null] })] }));
}
