import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The renewal radar: subscriptions whose commitment ends in the next 30, 60 or 90 days with
// auto-renew off, and the recently suspended, by customer; open them in Explore or save them
// for Excel.
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowExportUp20Regular, DataBarVertical20Regular } from "@fluentui/react-icons";
import { formatDate, formatNumber } from "../../lib/format";
const useStyles = makeStyles({
    counts: { display: "flex", gap: "12px", flexWrap: "wrap", marginBottom: "12px" },
    count: {
        display: "flex",
        flexDirection: "column",
        padding: "8px 14px",
        borderRadius: tokens.borderRadiusMedium,
        background: tokens.colorNeutralBackground3,
        minWidth: "96px",
    },
    big: { fontSize: "22px", lineHeight: "28px", fontWeight: tokens.fontWeightSemibold },
    muted: { color: tokens.colorNeutralForeground3 },
    num: { textAlign: "right", width: "110px", "& .fui-TableHeaderCell__button": { justifyContent: "flex-end" } },
    date: { width: "120px" },
    more: { color: tokens.colorNeutralForeground3, display: "block", marginTop: "6px" },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap", marginTop: "12px" },
    section: { display: "block", marginTop: "16px", marginBottom: "4px" },
});
/// Customers listed before "and N more" (Explore and the export have them all).
const SHOWN = 8;
function Rows({ rows, label, testId }) {
    const s = useStyles();
    const more = rows.length - SHOWN;
    const ends = testId === "renewals-ending";
    return (_jsxs(_Fragment, { children: [_jsxs(Table, { size: "small", "aria-label": label, "data-testid": testId, children: [_jsx(TableHeader, { children: _jsxs(TableRow, { children: [_jsx(TableHeaderCell, { children: "Customer" }), _jsx(TableHeaderCell, { className: s.num, children: "Subscriptions" }), _jsx(TableHeaderCell, { className: s.num, children: "Licences" }), ends ? _jsx(TableHeaderCell, { className: s.date, children: "First ends" }) : null] }) }), _jsx(TableBody, { children: rows.slice(0, SHOWN).map((r) => (_jsxs(TableRow, { children: [_jsx(TableCell, { children: r.customer }), _jsx(TableCell, { className: s.num, children: formatNumber(r.subscriptions) }), _jsx(TableCell, { className: s.num, children: formatNumber(r.licences) }), ends ? _jsx(TableCell, { children: r.firstEnd ? formatDate(r.firstEnd) : "–" }) : null] }, r.customer))) })] }), more > 0 ? (_jsxs(Text, { size: 200, className: s.more, children: ["and ", more === 1 ? "1 more customer" : `${formatNumber(more)} more customers`] })) : null] }));
}
export function RenewalRadar({ renewals, onOpen, onExport, }) {
    const s = useStyles();
    const r = renewals;
    const windows = [
        ["in 30 days", r.within30],
        ["in 60 days", r.within60],
        ["in 90 days", r.within90],
    ];
    return (_jsxs("div", { "data-testid": "renewal-radar", children: [_jsx("div", { className: s.counts, children: windows.map(([label, n]) => (_jsxs("div", { className: s.count, children: [_jsx("span", { className: s.big, children: formatNumber(n) }), _jsxs(Text, { size: 200, className: s.muted, children: ["end ", label] })] }, label))) }), r.customers.length ? (_jsxs(_Fragment, { children: [_jsx(Text, { weight: "semibold", as: "h3", className: s.section, children: "Ending with auto-renew off, by customer" }), _jsx(Rows, { rows: r.customers, label: "Subscriptions ending by customer", testId: "renewals-ending" })] })) : (_jsx(Text, { className: s.muted, children: "No subscription with auto-renew off ends in the next 90 days." })), _jsxs("div", { className: s.actions, children: [_jsx(Button, { icon: _jsx(DataBarVertical20Regular, {}), onClick: () => onOpen(r.endingView), disabled: !r.within90, children: "See them in Explore" }), _jsx(Button, { icon: _jsx(ArrowExportUp20Regular, {}), onClick: () => onExport(r.endingView, "Renewals"), disabled: !r.within90, "data-testid": "renewals-export", children: "Export to Excel" })] }), r.suspended.length ? (_jsxs(_Fragment, { children: [_jsx(Text, { weight: "semibold", as: "h3", className: s.section, children: "Suspended now, by customer" }), _jsx(Rows, { rows: r.suspended, label: "Suspended subscriptions by customer", testId: "renewals-suspended" }), _jsxs("div", { className: s.actions, children: [_jsx(Button, { icon: _jsx(DataBarVertical20Regular, {}), onClick: () => onOpen(r.suspendedView), children: "See them in Explore" }), _jsx(Button, { icon: _jsx(ArrowExportUp20Regular, {}), onClick: () => onExport(r.suspendedView, "Suspended subscriptions"), children: "Export to Excel" })] })] })) : null] }));
}
