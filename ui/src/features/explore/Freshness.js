import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// How fresh the data is: "Updated 5 minutes ago" (as of when), with Refresh; while fetching, the
// rows so far and a Cancel that stops the fetch.
import { useEffect, useState } from "react";
import { Button, ProgressBar, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, Dismiss20Regular } from "@fluentui/react-icons";
import { LOCALE, ago, formatNumber } from "../../lib/format";
const asOf = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const useStyles = makeStyles({
    row: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap", minHeight: "32px" },
    muted: { color: tokens.colorNeutralForeground3 },
    progress: { flex: 1, minWidth: "200px", maxWidth: "420px" },
});
/// Re-renders every half minute so "5 minutes ago" stays true.
function useNow() {
    const [now, setNow] = useState(Date.now());
    useEffect(() => {
        const t = setInterval(() => setNow(Date.now()), 30_000);
        return () => clearInterval(t);
    }, []);
    return now;
}
export function Freshness({ report, fetching, progress, onRefresh, onCancel, }) {
    const s = useStyles();
    const now = useNow();
    if (fetching) {
        const total = progress?.total ?? null;
        return (_jsxs("div", { className: s.row, "data-testid": "fetching", role: "status", children: [_jsxs(Text, { children: ["Fetching from Partner Center: ", formatNumber(progress?.rows ?? 0), total !== null ? ` of ${formatNumber(total)}` : "", " rows"] }), _jsx(ProgressBar, { className: s.progress, value: total ? (progress?.rows ?? 0) / Math.max(total, 1) : undefined }), _jsx(Button, { icon: _jsx(Dismiss20Regular, {}), onClick: onCancel, "data-testid": "cancel-fetch", children: "Cancel" })] }));
    }
    if (!report)
        return null;
    const when = asOf.format(new Date(report.fetchedAt * 1000));
    return (_jsxs("div", { className: s.row, "data-testid": "freshness", children: [_jsx(Tooltip, { content: report.fromCache ? "The copy saved on this computer: it shows at once, and offline" : "Fetched from Partner Center", relationship: "description", children: _jsxs(Text, { className: s.muted, children: ["Updated ", ago(report.fetchedAt, now), " (as of ", when, ") \u00B7 ", formatNumber(report.rows), " rows"] }) }), _jsx(Button, { appearance: "subtle", size: "small", icon: _jsx(ArrowClockwise20Regular, {}), onClick: onRefresh, "data-testid": "refresh", children: "Refresh" })] }));
}
