import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// When a report runs, in plain words and local time: once now, every day, every week on a day,
// every few days or hours; how many times or until when; CSV or TSV. Beside it, what the
// service will be told, read back: the next three runs here, the time zone by name, and a
// plain warning when the service's hours drift against the local clock across a change of
// daylight-saving time.
import { useEffect, useState } from "react";
import { Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
const useStyles = makeStyles({
    box: { display: "flex", gap: "24px", flexWrap: "wrap" },
    form: { display: "flex", flexDirection: "column", gap: "10px", minWidth: "280px", flex: 1 },
    row: { display: "flex", gap: "10px", alignItems: "flex-end", flexWrap: "wrap" },
    plan: { display: "flex", flexDirection: "column", gap: "6px", minWidth: "280px", flex: 1 },
    muted: { color: tokens.colorNeutralForeground3 },
    runs: { margin: 0, paddingLeft: "20px" },
});
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export function defaultSpec() {
    return { repeat: { kind: "daily" }, time: "06:00", firstDay: null, times: 30, until: null, format: "csv" };
}
/// Three months from today, as a first guess at the last day.
function lastDayDefault() {
    const d = new Date();
    d.setMonth(d.getMonth() + 3);
    return d.toISOString().slice(0, 10);
}
/// Waits until typing stops before asking the backend.
function useSettled(value, ms = 250) {
    const [v, setV] = useState(value);
    useEffect(() => {
        const t = setTimeout(() => setV(value), ms);
        return () => clearTimeout(t);
    }, [value, ms]);
    return v;
}
export function ScheduleForm({ account, dataset, minimumHours, spec, onChange, }) {
    const s = useStyles();
    const b = useBackend();
    const settled = useSettled(spec);
    const plan = useQuery({
        queryKey: ["plan", account, dataset, JSON.stringify(settled)],
        queryFn: () => b.planReportSchedule(account, dataset, settled),
        retry: false,
    });
    const kind = spec.repeat.kind;
    const ends = spec.until && !spec.times ? "until" : "times";
    const setKind = (k) => {
        const repeat = k === "weekly"
            ? { kind: "weekly", weekday: 0 }
            : k === "everyDays"
                ? { kind: "everyDays", days: 2 }
                : k === "everyHours"
                    ? { kind: "everyHours", hours: Math.max(minimumHours, 12) }
                    : { kind: k };
        onChange({ ...spec, repeat, times: k === "once" ? null : (spec.times ?? (spec.until ? null : 30)) });
    };
    return (_jsxs("div", { className: s.box, children: [_jsxs("div", { className: s.form, "data-testid": "schedule-form", children: [_jsxs("div", { className: s.row, children: [_jsx(Field, { label: "Runs", children: _jsxs(Select, { value: kind, onChange: (_, d) => setKind(d.value), "data-testid": "schedule-repeat", children: [_jsx("option", { value: "once", children: "Once, now" }), _jsx("option", { value: "daily", children: "Every day" }), _jsx("option", { value: "weekly", children: "Every week" }), _jsx("option", { value: "everyDays", children: "Every few days" }), _jsx("option", { value: "everyHours", children: "Every few hours" })] }) }), spec.repeat.kind === "weekly" ? (_jsx(Field, { label: "On", children: _jsx(Select, { value: String(spec.repeat.weekday), onChange: (_, d) => onChange({ ...spec, repeat: { kind: "weekly", weekday: Number(d.value) } }), "data-testid": "schedule-weekday", children: WEEKDAYS.map((w, i) => (_jsx("option", { value: i, children: w }, w))) }) })) : null, spec.repeat.kind === "everyDays" ? (_jsx(Field, { label: "Days apart", children: _jsx(Input, { type: "number", min: 1, max: 90, value: String(spec.repeat.days), onChange: (_, d) => onChange({ ...spec, repeat: { kind: "everyDays", days: Number(d.value) || 1 } }) }) })) : null, spec.repeat.kind === "everyHours" ? (_jsx(Field, { label: "Hours apart", hint: `At least ${minimumHours} for this data`, children: _jsx(Input, { type: "number", min: minimumHours, max: 2160, value: String(spec.repeat.hours), onChange: (_, d) => onChange({ ...spec, repeat: { kind: "everyHours", hours: Number(d.value) || minimumHours } }) }) })) : null, kind !== "once" ? (_jsx(Field, { label: "At", children: _jsx(Input, { type: "time", value: spec.time, onChange: (_, d) => onChange({ ...spec, time: d.value }), "data-testid": "schedule-time" }) })) : null, kind !== "once" ? (_jsx(Field, { label: "Starting", children: _jsx(Input, { type: "date", value: spec.firstDay ?? "", onChange: (_, d) => onChange({ ...spec, firstDay: d.value || null }) }) })) : null] }), kind !== "once" ? (_jsxs("div", { className: s.row, children: [_jsx(Field, { label: "Ends", children: _jsxs(Select, { value: ends, onChange: (_, d) => onChange({ ...spec, times: d.value === "times" ? 30 : null, until: d.value === "until" ? lastDayDefault() : null }), children: [_jsx("option", { value: "times", children: "After a number of runs" }), _jsx("option", { value: "until", children: "On a day" })] }) }), ends === "times" ? (_jsx(Field, { label: "Runs in all", children: _jsx(Input, { type: "number", min: 1, value: String(spec.times ?? 1), onChange: (_, d) => onChange({ ...spec, times: Number(d.value) || 1 }) }) })) : null, ends === "until" ? (_jsx(Field, { label: "Last day", children: _jsx(Input, { type: "date", value: spec.until ?? "", onChange: (_, d) => onChange({ ...spec, until: d.value || null }) }) })) : null] })) : null, _jsx(Field, { label: "File", children: _jsxs(RadioGroup, { layout: "horizontal", value: spec.format, onChange: (_, d) => onChange({ ...spec, format: d.value }), children: [_jsx(Radio, { value: "csv", label: "CSV (opens in Excel)" }), _jsx(Radio, { value: "tsv", label: "TSV (tab-separated)" })] }) })] }), _jsxs("div", { className: s.plan, "data-testid": "schedule-plan", "aria-live": "polite", children: [plan.isLoading ? _jsx(Spinner, { size: "tiny", label: "Working out the runs\u2026" }) : null, plan.error ? (_jsx(MessageBar, { intent: "warning", children: _jsx(MessageBarBody, { children: toUiError(plan.error).message }) })) : null, plan.data ? (_jsxs(_Fragment, { children: [_jsx(Text, { weight: "semibold", "data-testid": "schedule-summary", children: plan.data.summary }), _jsxs(Text, { className: s.muted, children: [plan.data.executeNow ? "It runs as soon as it is saved." : "Next runs, in your time zone", " (", plan.data.timeZone.replace(/_/g, " "), "):"] }), _jsx("ul", { className: s.runs, "data-testid": "schedule-next-runs", children: plan.data.nextRuns.map((r) => (_jsx("li", { children: r }, r))) }), plan.data.drift ? (_jsx(MessageBar, { intent: "info", "data-testid": "schedule-drift", children: _jsx(MessageBarBody, { children: plan.data.drift }) })) : null] })) : null] })] }));
}
