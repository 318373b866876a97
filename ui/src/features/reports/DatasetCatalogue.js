import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The first step of a new report: the Insights data sets, each with what it holds in words and
// its columns, to pick from.
import { useState } from "react";
import { Button, Card, CardHeader, SearchBox, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { toUiError } from "../../backend";
import { useCatalogue } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";
const useStyles = makeStyles({
    box: { display: "flex", flexDirection: "column", gap: "12px" },
    grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))", gap: "12px" },
    card: { padding: "12px", gap: "6px", cursor: "pointer", ":hover": { boxShadow: tokens.shadow8 } },
    muted: { color: tokens.colorNeutralForeground3 },
    columns: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
});
export function DatasetCatalogue({ account, onPick, onCancel }) {
    const s = useStyles();
    const cat = useCatalogue(account);
    const [search, setSearch] = useState("");
    const q = search.trim().toLowerCase();
    const shown = (cat.data ?? []).filter((c) => !q || c.title.toLowerCase().includes(q) || c.description.toLowerCase().includes(q) || c.columns.some((x) => x.label.toLowerCase().includes(q)));
    return (_jsxs("div", { className: s.box, "data-testid": "catalogue", children: [_jsx("div", { children: _jsx(Button, { onClick: onCancel, children: "Back to reports" }) }), _jsx(Text, { size: 400, weight: "semibold", children: "What should the report be about?" }), _jsx(SearchBox, { placeholder: "Find data: seats, revenue, customers\u2026", value: search, onChange: (_, d) => setSearch(d.value), "aria-label": "Find a data set" }), cat.isLoading ? _jsx(Spinner, { label: "Asking Partner Center which data it offers\u2026" }) : null, cat.error ? _jsx(ErrorBar, { error: toUiError(cat.error), onRetry: () => void cat.refetch() }) : null, _jsx("div", { className: s.grid, children: shown.map((c) => (_jsxs(Card, { className: s.card, onClick: () => onPick(c), role: "button", "aria-label": `${c.title}: ${c.description}`, "data-testid": `catalogue-${c.name}`, children: [_jsx(CardHeader, { header: _jsx(Text, { weight: "semibold", children: c.title }) }), _jsx(Text, { className: s.muted, children: c.description }), _jsxs(Text, { className: s.columns, children: [c.columns.length, " columns: ", c.columns.slice(0, 6).map((x) => x.label).join(", "), c.columns.length > 6 ? "…" : ""] })] }, c.name))) })] }));
}
