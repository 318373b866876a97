import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Reports: the Partner Insights reports of the account, and a new one built and scheduled
// without writing a query. Each run's file downloads by itself into Downloads.
import { useState } from "react";
import { Button, Card, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Spinner, Text, makeStyles, } from "@fluentui/react-components";
import { Add20Regular, DocumentTable24Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useReports } from "../../backend/queries";
import { ALL_ACCOUNTS } from "../../app/allAccounts";
import { useApp } from "../../app/context";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { DatasetCatalogue } from "./DatasetCatalogue";
import { LocalSchedules } from "./LocalSchedules";
import { ReportBuilder } from "./ReportBuilder";
import { ReportList } from "./ReportList";
import { ScheduleForm, defaultSpec } from "./ScheduleForm";
const useStyles = makeStyles({
    page: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "1400px", margin: "0 auto" },
    card: { padding: "16px", gap: "12px" },
    center: { display: "flex", justifyContent: "center", padding: "32px" },
});
export function ReportsScreen() {
    const s = useStyles();
    const { account, go } = useApp();
    const [step, setStep] = useState({ kind: "list" });
    if (!account) {
        return _jsx(EmptyState, { title: "No account yet", children: "Try the sample data or add an account to build reports." });
    }
    if (account.id === ALL_ACCOUNTS) {
        return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: "Reports", subtitle: "Partner Insights reports that run on a schedule" }), _jsx(EmptyState, { icon: _jsx(DocumentTable24Regular, {}), title: "Choose one account", children: "Reports belong to one account. Pick it in the account switcher at the top to see its reports or build one." })] }));
    }
    return (_jsxs("div", { className: s.page, children: [_jsx(PageHeader, { title: step.kind === "list" ? "Reports" : "New report", subtitle: step.kind === "list" ? `Partner Insights reports of ${account.name}, run on a schedule by Partner Center` : "Pick the data, tick what you need, preview, schedule", actions: step.kind === "list" ? (_jsx(Button, { appearance: "primary", icon: _jsx(Add20Regular, {}), onClick: () => setStep({ kind: "catalogue" }), "data-testid": "new-report", children: "New report" })) : null }), step.kind === "catalogue" ? (_jsx(DatasetCatalogue, { account: account.id, onPick: (card) => setStep({ kind: "build", card }), onCancel: () => setStep({ kind: "list" }) })) : step.kind === "build" ? (_jsx(ReportBuilder, { account: account.id, card: step.card, onBack: () => setStep({ kind: "catalogue" }), onSaved: () => setStep({ kind: "list" }) })) : (_jsxs(_Fragment, { children: [_jsx(Reports, { account: account.id, onNew: () => setStep({ kind: "catalogue" }), onFile: () => go({ screen: "downloads", account: account.id }) }), _jsx(LocalSchedules, {})] }))] }));
}
function Reports({ account, onNew, onFile }) {
    const s = useStyles();
    const b = useBackend();
    const qc = useQueryClient();
    const reports = useReports(account);
    const [error, setError] = useState(null);
    const [deleting, setDeleting] = useState(null);
    const [editing, setEditing] = useState(null);
    const act = async (f) => {
        setError(null);
        try {
            await f();
        }
        catch (e) {
            setError(e);
        }
        await qc.invalidateQueries({ queryKey: keys.reports(account) });
    };
    return (_jsxs(Card, { className: s.card, children: [reports.isLoading ? (_jsx("div", { className: s.center, children: _jsx(Spinner, { label: "Asking Partner Center for the reports\u2026" }) })) : null, reports.error ? _jsx(ErrorBar, { error: toUiError(reports.error), onRetry: () => void reports.refetch() }) : null, error ? _jsx(ErrorBar, { error: toUiError(error) }) : null, reports.data && reports.data.length === 0 ? (_jsx(EmptyState, { icon: _jsx(DocumentTable24Regular, {}), title: "No reports yet", testId: "no-reports", actions: _jsx(Button, { appearance: "primary", onClick: onNew, children: "New report" }), children: "A report runs on Partner Center on a schedule you choose (\"every Monday at 08:00\"), and each file it makes downloads here by itself, ready for Excel." })) : null, reports.data && reports.data.length > 0 ? (_jsx(ReportList, { rows: reports.data, onEdit: (r) => setEditing({ row: r, name: r.name, spec: r.spec ?? defaultSpec() }), onPause: (r) => void act(() => b.pauseReport(account, r.id)), onResume: (r) => void act(() => b.resumeReport(account, r.id)), onDelete: setDeleting, onFile: onFile })) : null, _jsx(Dialog, { open: deleting !== null, onOpenChange: (_, d) => !d.open && setDeleting(null), children: _jsx(DialogSurface, { "data-testid": "delete-report-dialog", children: _jsxs(DialogBody, { children: [_jsxs(DialogTitle, { children: ["Delete ", deleting?.name, "?"] }), _jsx(DialogContent, { children: _jsx(Text, { children: "Partner Center stops running it and forgets its runs. The files already downloaded stay in Downloads and in their folder." }) }), _jsxs(DialogActions, { children: [_jsx(Button, { onClick: () => setDeleting(null), "data-testid": "delete-report-keep", children: "Keep it" }), _jsx(Button, { appearance: "primary", "data-testid": "delete-report-confirm", onClick: () => {
                                            const r = deleting;
                                            setDeleting(null);
                                            if (r)
                                                void act(() => b.deleteReport(account, r.id));
                                        }, children: "Delete" })] })] }) }) }), _jsx(Dialog, { open: editing !== null, onOpenChange: (_, d) => !d.open && setEditing(null), children: _jsx(DialogSurface, { style: { maxWidth: "860px" }, children: _jsxs(DialogBody, { children: [_jsxs(DialogTitle, { children: ["Edit ", editing?.row.name] }), _jsx(DialogContent, { children: editing ? (_jsxs(_Fragment, { children: [_jsx(Field, { label: "Report name", children: _jsx(Input, { value: editing.name, onChange: (_, d) => setEditing({ ...editing, name: d.value }) }) }), _jsx(ScheduleForm, { account: account, dataset: editing.row.dataset ?? "", minimumHours: 4, spec: editing.spec, onChange: (spec) => setEditing({ ...editing, spec }) })] })) : null }), _jsxs(DialogActions, { children: [_jsx(Button, { onClick: () => setEditing(null), children: "Cancel" }), _jsx(Button, { appearance: "primary", onClick: () => {
                                            const e = editing;
                                            setEditing(null);
                                            if (e)
                                                void act(() => b.updateReport(account, e.row.id, e.name, e.spec));
                                        }, children: "Save" })] })] }) }) })] }));
}
