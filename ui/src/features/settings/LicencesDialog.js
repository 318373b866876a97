import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The open-source components inside Partner Lens, with their licences, searchable.
import { useMemo, useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, SearchBox, Spinner, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { useLicences } from "../../backend/queries";
const useStyles = makeStyles({
    list: { maxHeight: "50vh", overflow: "auto", marginTop: "8px", border: `1px solid ${tokens.colorNeutralStroke2}` },
    row: { display: "flex", gap: "12px", padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
    name: { flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" },
    lic: { color: tokens.colorNeutralForeground3 },
});
function List() {
    const s = useStyles();
    const q = useLicences();
    const [search, setSearch] = useState("");
    const shown = useMemo(() => {
        const n = search.trim().toLowerCase();
        return (q.data ?? []).filter((l) => !n || l.name.toLowerCase().includes(n) || l.licence.toLowerCase().includes(n));
    }, [q.data, search]);
    if (q.isPending)
        return _jsx(Spinner, { size: "small", label: "Loading the list\u2026" });
    return (_jsxs(_Fragment, { children: [_jsxs(Text, { children: [q.data?.length ?? 0, " components. Each is used under its licence; the full texts come with the source code."] }), _jsx(SearchBox, { "aria-label": "Search components", placeholder: "Search", value: search, onChange: (_, d) => setSearch(d.value) }), _jsx("div", { className: s.list, role: "list", "aria-label": "Components and licences", children: shown.map((l) => (_jsxs("div", { role: "listitem", className: s.row, children: [_jsxs("span", { className: s.name, children: [l.name, " ", l.version] }), _jsx("span", { className: s.lic, children: l.licence })] }, `${l.name}@${l.version}`))) })] }));
}
export function LicencesDialog() {
    return (_jsxs(Dialog, { children: [_jsx(DialogTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { children: "Open-source licences" }) }), _jsx(DialogSurface, { children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: "Open-source licences" }), _jsx(DialogContent, { children: _jsx(List, {}) }), _jsx(DialogActions, { children: _jsx(DialogTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { appearance: "primary", children: "Close" }) }) })] }) })] }));
}
