import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// A new report, built without writing a query: tick columns and metrics, add filters, choose
// the order, a limit and the time range in words; the query text it makes is shown (read-only,
// with Copy) and checked as it changes, with the service's own words for a mistake. Preview runs
// it on the service; Save stores the query and schedules the report.
import { useMemo, useState } from "react";
import { Button, Card, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Subtitle2, Textarea, makeStyles, tokens, useToastController, Toast, ToastTitle, ToastBody, } from "@fluentui/react-components";
import { Copy16Regular, Play16Regular } from "@fluentui/react-icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys } from "../../backend/queries";
import { TOASTER } from "../../app/toaster";
import { ErrorBar } from "../../components/ErrorBar";
import { CheckList } from "./CheckList";
import { PreviewTable } from "./PreviewTable";
import { QueryFilters } from "./QueryFilters";
import { ScheduleForm, defaultSpec } from "./ScheduleForm";
const useStyles = makeStyles({
    page: { display: "flex", flexDirection: "column", gap: "14px" },
    card: { padding: "16px", gap: "12px" },
    row: { display: "flex", gap: "16px", flexWrap: "wrap", alignItems: "flex-end" },
    query: { fontFamily: tokens.fontFamilyMonospace, width: "100%" },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});
/// The question as the service takes it: empty values dropped (a list typed with a blank line).
function cleaned(q) {
    return { ...q, filters: (q.filters ?? []).map((f) => ({ ...f, values: f.values.map((v) => v.trim()).filter(Boolean) })) };
}
export function ReportBuilder({ account, card, onBack, onSaved }) {
    const s = useStyles();
    const b = useBackend();
    const qc = useQueryClient();
    const { dispatchToast } = useToastController(TOASTER);
    const [name, setName] = useState(`${card.title} report`);
    const [columns, setColumns] = useState([]);
    const [metrics, setMetrics] = useState([]);
    const [filters, setFilters] = useState([]);
    const [orderBy, setOrderBy] = useState(null);
    const [descending, setDescending] = useState(true);
    const [limit, setLimit] = useState("");
    const [range, setRange] = useState(card.ranges.find((r) => r.name === "LAST_3_MONTHS")?.name ?? card.ranges[0]?.name ?? null);
    const [spec, setSpec] = useState(defaultSpec());
    const [preview, setPreview] = useState(null);
    const [busy, setBusy] = useState(null);
    const [error, setError] = useState(null);
    const query = useMemo(() => cleaned({ dataset: card.name, columns, metrics, filters, orderBy, descending, limit: limit ? Number(limit) : null, range }), [card.name, columns, metrics, filters, orderBy, descending, limit, range]);
    const built = useQuery({ queryKey: ["buildQuery", JSON.stringify(query)], queryFn: () => b.buildReportQuery(query) });
    const labels = useMemo(() => new Map([...card.columns, ...card.metrics].map((c) => [c.name, c.label])), [card]);
    const chosen = [...columns, ...metrics];
    const problem = built.data?.problem ?? null;
    const run = async () => {
        setBusy("preview");
        setError(null);
        try {
            setPreview(await b.previewReport(account, query));
        }
        catch (e) {
            setError(e);
        }
        finally {
            setBusy(null);
        }
    };
    const save = async () => {
        setBusy("save");
        setError(null);
        try {
            await b.createReport(account, name, query, spec);
            await qc.invalidateQueries({ queryKey: keys.reports(account) });
            dispatchToast(_jsxs(Toast, { "data-testid": "report-saved", children: [_jsxs(ToastTitle, { children: ["Saved ", name.trim()] }), _jsx(ToastBody, { children: "Each file will arrive in Downloads by itself." })] }), { intent: "success", timeout: 8_000 });
            onSaved();
        }
        catch (e) {
            setError(e);
        }
        finally {
            setBusy(null);
        }
    };
    const copy = async () => {
        try {
            await navigator.clipboard.writeText(built.data?.text ?? "");
            dispatchToast(_jsx(Toast, { children: _jsx(ToastTitle, { children: "Query copied" }) }), { intent: "success", timeout: 3_000 });
        }
        catch {
            dispatchToast(_jsx(Toast, { children: _jsx(ToastTitle, { children: "Select the query text and copy it with Ctrl+C" }) }), { intent: "info", timeout: 5_000 });
        }
    };
    return (_jsxs("div", { className: s.page, "data-testid": "report-builder", children: [_jsx("div", { className: s.actions, children: _jsx(Button, { onClick: onBack, children: "Back to the data sets" }) }), _jsxs(Card, { className: s.card, children: [_jsx(Subtitle2, { as: "h2", children: card.title }), _jsxs("div", { className: s.row, children: [_jsx(Field, { label: "Report name", required: true, children: _jsx(Input, { value: name, onChange: (_, d) => setName(d.value), "data-testid": "report-name", style: { minWidth: "320px" } }) }), _jsx(Field, { label: "Time range", children: _jsx(Select, { value: range ?? "", onChange: (_, d) => setRange(d.value || null), "data-testid": "report-range", children: card.ranges.map((r) => (_jsx("option", { value: r.name, children: r.label }, r.name))) }) })] }), _jsxs("div", { className: s.row, children: [_jsx(CheckList, { label: "Columns", options: card.columns, chosen: columns, onChange: setColumns, testId: "report-columns" }), _jsx(CheckList, { label: "Metrics", options: card.metrics, chosen: metrics, onChange: setMetrics, testId: "report-metrics" })] }), _jsx(QueryFilters, { columns: card.columns, filters: filters, onChange: setFilters }), _jsxs("div", { className: s.row, children: [_jsx(Field, { label: "Order by", children: _jsxs(Select, { value: orderBy ?? "", onChange: (_, d) => setOrderBy(d.value || null), "data-testid": "report-order", children: [_jsx("option", { value: "", children: "As the service sends them" }), chosen.map((c) => (_jsx("option", { value: c, children: labels.get(c) ?? c }, c)))] }) }), orderBy ? _jsx(Checkbox, { label: "Largest first", checked: descending, onChange: (_, d) => setDescending(!!d.checked) }) : null, _jsx(Field, { label: "At most this many rows", hint: "Empty: every row", children: _jsx(Input, { type: "number", min: 1, value: limit, onChange: (_, d) => setLimit(d.value), "data-testid": "report-limit" }) })] }), _jsx(Field, { label: "Query (made from your choices)", children: _jsx(Textarea, { className: s.query, readOnly: true, value: built.data?.text ?? "", placeholder: "Tick at least one column or metric.", resize: "vertical", "data-testid": "report-query-text" }) }), problem && chosen.length > 0 ? (_jsx(MessageBar, { intent: "warning", "data-testid": "report-problem", children: _jsx(MessageBarBody, { children: problem }) })) : null, _jsxs("div", { className: s.actions, children: [_jsx(Button, { icon: _jsx(Copy16Regular, {}), disabled: !built.data?.text, onClick: () => void copy(), children: "Copy query" }), _jsx(Button, { icon: _jsx(Play16Regular, {}), disabled: !built.data?.text || busy !== null, onClick: () => void run(), "data-testid": "report-preview", children: "Preview" }), busy === "preview" ? _jsx(Spinner, { size: "tiny", label: "Running on Partner Center\u2026" }) : null] }), preview ? _jsx(PreviewTable, { preview: preview, labels: labels }) : null] }), _jsxs(Card, { className: s.card, children: [_jsx(Subtitle2, { as: "h2", children: "Schedule" }), _jsx(ScheduleForm, { account: account, dataset: card.name, minimumHours: card.minimumHours, spec: spec, onChange: setSpec })] }), error ? _jsx(ErrorBar, { error: toUiError(error) }) : null, _jsxs("div", { className: s.actions, children: [_jsx(Button, { appearance: "primary", disabled: !built.data?.text || !name.trim() || busy !== null, onClick: () => void save(), "data-testid": "report-save", children: "Save and schedule" }), _jsx(Button, { onClick: onBack, children: "Cancel" }), busy === "save" ? _jsx(Spinner, { size: "tiny", label: "Saving\u2026" }) : null] })] }));
}
