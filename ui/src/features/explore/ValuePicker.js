import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The values a field takes in the data, most frequent first, to tick without typing.
import { useState } from "react";
import { Checkbox, SearchBox, Spinner, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useFieldValues } from "../../backend/queries";
import { useFileSource } from "./fileSource";
import { formatNumber } from "../../lib/format";
import { valueLabel } from "./chips";
const useStyles = makeStyles({
    list: {
        maxHeight: "280px",
        overflowY: "auto",
        display: "flex",
        flexDirection: "column",
        border: `1px solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
        padding: "4px",
    },
    row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px" },
    count: { color: tokens.colorNeutralForeground3, fontVariantNumeric: "tabular-nums", paddingRight: "8px" },
    muted: { color: tokens.colorNeutralForeground3 },
});
export function ValuePicker({ account, dataset, serviceFilter, field, fieldLabel, selected, exclude, onChange, }) {
    const s = useStyles();
    const [search, setSearch] = useState("");
    const values = useFieldValues(account, dataset, serviceFilter, field, search, useFileSource());
    const toggle = (v, on) => onChange(on ? [...selected, v] : selected.filter((x) => x !== v), exclude);
    const data = values.data;
    return (_jsxs(_Fragment, { children: [_jsx(SearchBox, { "aria-label": `Search the values of ${fieldLabel}`, placeholder: `Search ${fieldLabel.toLowerCase()}`, value: search, onChange: (_, d) => setSearch(d.value), "data-testid": "value-search" }), _jsxs("div", { className: s.list, role: "group", "aria-label": `Values of ${fieldLabel}`, "data-testid": "value-list", children: [values.isPending ? _jsx(Spinner, { size: "tiny", label: "Reading the values\u2026" }) : null, data && data.values.length === 0 ? _jsx(Text, { className: s.muted, children: "No value matches." }) : null, data?.values.map((v) => (_jsxs("div", { className: s.row, children: [_jsx(Checkbox, { label: valueLabel(v.value), checked: selected.includes(v.value), onChange: (_, d) => toggle(v.value, !!d.checked), "data-value": v.value ?? "" }), _jsx("span", { className: s.count, children: formatNumber(v.count) })] }, v.value ?? "\u0000")))] }), data && data.distinct > data.values.length ? (_jsxs(Text, { size: 200, className: s.muted, children: ["Showing the ", formatNumber(data.values.length), " most frequent of ", formatNumber(data.distinct), " values; search to find others."] })) : null, _jsx(Switch, { label: "Leave these out instead", checked: exclude, onChange: (_, d) => onChange(selected, d.checked) })] }));
}
