import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Schedules on this computer: a saved Explore view fetched, grouped and written into a folder
// as CSV, Excel or a PNG chart, daily, weekly or monthly at a local time. A run missed while
// the computer slept runs once when it wakes. Each run's outcome is kept.
import { useState } from "react";
import { Button, Card, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { ScreenReaderText } from "../../components/ScreenReaderText";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useSavedViews, useSchedules } from "../../backend/queries";
import { useApp } from "../../app/context";
import { ErrorBar } from "../../components/ErrorBar";
import { formatStamp } from "../../lib/format";
import { LocalScheduleFields } from "../../components/LocalScheduleFields";
const useStyles = makeStyles({
    card: { padding: "16px", gap: "12px" },
    head: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "12px", flexWrap: "wrap" },
    muted: { color: tokens.colorNeutralForeground3 },
    titles: { display: "flex", flexDirection: "column", gap: "2px" },
    path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});
export function LocalSchedules() {
    const s = useStyles();
    const b = useBackend();
    const qc = useQueryClient();
    const { account } = useApp();
    const schedules = useSchedules();
    const views = useSavedViews();
    const [error, setError] = useState(null);
    const [draft, setDraft] = useState(null);
    const act = async (f) => {
        setError(null);
        try {
            await f();
        }
        catch (e) {
            setError(e);
        }
        await qc.invalidateQueries({ queryKey: keys.schedules });
    };
    const start = () => setDraft({
        name: "",
        view: views.data?.[0]?.name ?? "",
        account: account?.id ?? "",
        cadence: { kind: "daily" },
        time: "07:00",
        format: "xlsx",
        folder: "",
        paused: false,
    });
    return (_jsxs(Card, { className: s.card, "data-testid": "local-schedules", children: [_jsxs("div", { className: s.head, children: [_jsxs("div", { className: s.titles, children: [_jsx(Subtitle2, { as: "h2", children: "Schedules on this computer" }), _jsx(Text, { className: s.muted, children: "A saved view from Explore, refreshed and saved into a folder at the time you choose." })] }), _jsx(Button, { disabled: !views.data?.length, onClick: start, "data-testid": "new-schedule", children: "New schedule" })] }), views.data && views.data.length === 0 ? _jsx(Text, { className: s.muted, children: "Save a view in Explore first; then it can run here on a schedule." }) : null, error ? _jsx(ErrorBar, { error: toUiError(error) }) : null, schedules.data && schedules.data.length > 0 ? (_jsxs(Table, { "aria-label": "Schedules on this computer", size: "small", children: [_jsx(TableHeader, { children: _jsxs(TableRow, { children: [_jsx(TableHeaderCell, { children: "Schedule" }), _jsx(TableHeaderCell, { children: "When" }), _jsx(TableHeaderCell, { children: "Next run" }), _jsx(TableHeaderCell, { children: "Last run" }), _jsx(TableHeaderCell, { children: _jsx(ScreenReaderText, { children: "Actions" }) })] }) }), _jsx(TableBody, { children: schedules.data.map((r) => (_jsxs(TableRow, { children: [_jsxs(TableCell, { children: [_jsx(Text, { weight: "semibold", children: r.schedule.name }), _jsxs(Text, { as: "p", size: 200, className: s.muted, children: [r.schedule.view, " \u00B7 ", r.schedule.format.toUpperCase(), " into ", _jsx("span", { className: s.path, children: r.schedule.folder })] })] }), _jsx(TableCell, { children: r.summary }), _jsx(TableCell, { children: r.nextRun ?? _jsx("span", { className: s.muted, children: "Paused" }) }), _jsx(TableCell, { children: r.lastRun ? (_jsxs(Text, { className: r.lastRun.ok ? undefined : s.muted, children: [formatStamp(r.lastRun.ranAt), ": ", r.lastRun.ok ? r.lastRun.message : `did not run. ${r.lastRun.message}`] })) : (_jsx("span", { className: s.muted, children: "Not yet" })) }), _jsxs(TableCell, { children: [_jsx(Button, { size: "small", onClick: () => void act(() => b.runScheduleNow(r.schedule.name)), children: "Run now" }), " ", _jsx(Button, { size: "small", appearance: "subtle", onClick: () => void act(() => b.deleteSchedule(r.schedule.name)), children: "Delete" })] })] }, r.schedule.name))) })] })) : null, _jsx(Dialog, { open: draft !== null, onOpenChange: (_, d) => !d.open && setDraft(null), children: _jsx(DialogSurface, { children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: "New schedule" }), _jsx(DialogContent, { children: draft ? _jsx(LocalScheduleFields, { draft: draft, onChange: setDraft, views: (views.data ?? []).map((v) => v.name) }) : null }), _jsxs(DialogActions, { children: [_jsx(Button, { onClick: () => setDraft(null), children: "Cancel" }), _jsx(Button, { appearance: "primary", disabled: !draft?.name.trim() || !draft?.folder, onClick: () => {
                                            const d = draft;
                                            setDraft(null);
                                            if (d)
                                                void act(() => b.saveSchedule(d));
                                        }, children: "Save" })] })] }) }) })] }));
}
