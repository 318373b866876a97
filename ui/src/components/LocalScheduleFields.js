import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The fields of a schedule on this computer: its name, the saved view (when one is to be
// picked), daily / weekly on a day / monthly on a day, the local time, the format and the
// folder, chosen in the system's folder dialog. Reports' list and Explore's "Schedule" use it.
import { Button, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useBackend } from "../backend/context";
const useStyles = makeStyles({
    form: { display: "flex", flexDirection: "column", gap: "10px" },
    row: { display: "flex", gap: "10px", flexWrap: "wrap", alignItems: "flex-end" },
    path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export function LocalScheduleFields({ draft, onChange, views }) {
    const s = useStyles();
    const b = useBackend();
    const kind = draft.cadence.kind;
    const setKind = (k) => onChange({ ...draft, cadence: k === "weekly" ? { kind: "weekly", weekday: 0 } : k === "monthly" ? { kind: "monthly", day: 1 } : { kind: "daily" } });
    return (_jsxs("div", { className: s.form, children: [_jsx(Field, { label: "Name", required: true, children: _jsx(Input, { value: draft.name, onChange: (_, d) => onChange({ ...draft, name: d.value }), "data-testid": "schedule-name" }) }), views ? (_jsx(Field, { label: "Saved view", children: _jsx(Select, { value: draft.view, onChange: (_, d) => onChange({ ...draft, view: d.value }), children: views.map((v) => (_jsx("option", { children: v }, v))) }) })) : null, _jsxs("div", { className: s.row, children: [_jsx(Field, { label: "Runs", children: _jsxs(Select, { value: kind, onChange: (_, d) => setKind(d.value), children: [_jsx("option", { value: "daily", children: "Every day" }), _jsx("option", { value: "weekly", children: "Every week" }), _jsx("option", { value: "monthly", children: "Every month" })] }) }), draft.cadence.kind === "weekly" ? (_jsx(Field, { label: "On", children: _jsx(Select, { value: String(draft.cadence.weekday), onChange: (_, d) => onChange({ ...draft, cadence: { kind: "weekly", weekday: Number(d.value) } }), children: WEEKDAYS.map((w, i) => (_jsx("option", { value: i, children: w }, w))) }) })) : null, draft.cadence.kind === "monthly" ? (_jsx(Field, { label: "Day of the month", children: _jsx(Input, { type: "number", min: 1, max: 31, value: String(draft.cadence.day), onChange: (_, d) => onChange({ ...draft, cadence: { kind: "monthly", day: Math.min(31, Math.max(1, Number(d.value) || 1)) } }) }) })) : null, _jsx(Field, { label: "At", children: _jsx(Input, { type: "time", value: draft.time, onChange: (_, d) => onChange({ ...draft, time: d.value }) }) })] }), _jsx(Field, { label: "Save as", children: _jsxs(Select, { value: draft.format, onChange: (_, d) => onChange({ ...draft, format: d.value }), children: [_jsx("option", { value: "xlsx", children: "Excel workbook" }), _jsx("option", { value: "csv", children: "CSV" }), _jsx("option", { value: "png", children: "PNG chart" })] }) }), _jsx(Field, { label: "Into the folder", children: _jsxs("div", { className: s.row, children: [_jsx(Text, { className: s.path, children: draft.folder || "No folder chosen" }), _jsx(Button, { size: "small", onClick: () => void b.chooseFolder().then((f) => f && onChange({ ...draft, folder: f })), "data-testid": "schedule-folder", children: "Choose\u2026" })] }) })] }));
}
