// Reports: the Partner Insights reports of the account, and a new one built and scheduled
// without writing a query. Each run's file downloads by itself into Downloads.
import { useState } from "react";
import {
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  Subtitle2,
  Text,
  Toast,
  ToastBody,
  ToastTitle,
  makeStyles,
  tokens,
  useToastController,
} from "@fluentui/react-components";
import { Add20Regular, DocumentTable24Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { DatasetCard, ReportRow, ScheduleSpec, SystemReport } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useReports } from "../../backend/queries";
import { ALL_ACCOUNTS } from "../../app/allAccounts";
import { useApp } from "../../app/context";
import { TOASTER } from "../../app/toaster";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { DatasetCatalogue } from "./DatasetCatalogue";
import { LocalSchedules } from "./LocalSchedules";
import { ReportBuilder } from "./ReportBuilder";
import { ReportList } from "./ReportList";
import { ScheduleForm, defaultSpec } from "./ScheduleForm";
import type { SystemAction } from "./SystemReportCards";
import { SystemReportSetup } from "./SystemReportSetup";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "1400px", margin: "0 auto" },
  card: { padding: "16px", gap: "12px" },
  center: { display: "flex", justifyContent: "center", padding: "32px" },
  titles: { display: "flex", flexDirection: "column", gap: "2px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Step =
  | { kind: "list" }
  | { kind: "catalogue" }
  | { kind: "build"; card: DatasetCard }
  | { kind: "system"; report: SystemReport; previewFirst: boolean };

/// "Run once now" on one of Microsoft's reports: a report that runs as soon as it is made.
const ONCE_NOW: ScheduleSpec = { repeat: { kind: "once" }, time: "00:00", firstDay: null, times: null, until: null, format: "csv" };

export function ReportsScreen() {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const { dispatchToast } = useToastController(TOASTER);
  const { account, go } = useApp();
  const [step, setStep] = useState<Step>({ kind: "list" });
  const [runningNow, setRunningNow] = useState<string | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const listed = useReports(account && account.id !== ALL_ACCOUNTS ? account.id : "");
  if (!account) {
    return <EmptyState title="No account yet">Try the sample data or add an account to build reports.</EmptyState>;
  }
  if (account.id === ALL_ACCOUNTS) {
    return (
      <>
        <PageHeader title="Reports" subtitle="Partner Insights reports that run on a schedule" />
        <EmptyState icon={<DocumentTable24Regular />} title="Choose one account">
          Reports belong to one account. Pick it in the account switcher at the top to see its reports or build one.
        </EmptyState>
      </>
    );
  }
  const accountId = account.id;
  const onSystem = async (r: SystemReport, action: SystemAction) => {
    if (action !== "runNow") {
      setStep({ kind: "system", report: r, previewFirst: action === "preview" });
      return;
    }
    setRunningNow(r.id);
    setRunError(null);
    try {
      await b.createReportFromQuery(accountId, r.title, r.id, ONCE_NOW);
      await qc.invalidateQueries({ queryKey: keys.reports(accountId) });
      dispatchToast(
        <Toast data-testid="report-started">
          <ToastTitle>{r.title} is running</ToastTitle>
          <ToastBody>Partner Center makes the file; it arrives in Downloads by itself.</ToastBody>
        </Toast>,
        { intent: "success", timeout: 8_000 },
      );
      setStep({ kind: "list" });
    } catch (e) {
      setRunError(e);
    } finally {
      setRunningNow(null);
    }
  };
  return (
    <div className={s.page}>
      <PageHeader
        title={step.kind === "list" ? "Reports" : "New report"}
        subtitle={
          step.kind === "list"
            ? `${account.name}: reports Partner Center makes on its side, and exports this computer makes from your saved views`
            : step.kind === "system"
              ? "Preview it, name it, choose when it runs"
              : "Start from a report Microsoft made, or pick the data and tick what you need"
        }
        actions={
          // With no report yet, the empty list offers "New report": one button, not two.
          step.kind === "list" && (listed.data?.length ?? 0) > 0 ? (
            <Button appearance="primary" icon={<Add20Regular />} onClick={() => setStep({ kind: "catalogue" })} data-testid="new-report">
              New report
            </Button>
          ) : null
        }
      />
      {runError && step.kind === "catalogue" ? <ErrorBar error={toUiError(runError)} /> : null}
      {step.kind === "catalogue" ? (
        <DatasetCatalogue
          account={account.id}
          onPick={(card) => setStep({ kind: "build", card })}
          onSystem={(r, a) => void onSystem(r, a)}
          runningNow={runningNow}
          onCancel={() => setStep({ kind: "list" })}
        />
      ) : step.kind === "system" ? (
        <SystemReportSetup
          account={account.id}
          report={step.report}
          previewFirst={step.previewFirst}
          onBack={() => setStep({ kind: "catalogue" })}
          onSaved={() => setStep({ kind: "list" })}
        />
      ) : step.kind === "build" ? (
        <ReportBuilder account={account.id} card={step.card} onBack={() => setStep({ kind: "catalogue" })} onSaved={() => setStep({ kind: "list" })} />
      ) : (
        <>
          <Reports account={account.id} onNew={() => setStep({ kind: "catalogue" })} onFile={() => go({ screen: "downloads", account: account.id })} />
          <LocalSchedules />
        </>
      )}
    </div>
  );
}

function Reports({ account, onNew, onFile }: { account: string; onNew: () => void; onFile: () => void }) {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const reports = useReports(account);
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<ReportRow | null>(null);
  const [editing, setEditing] = useState<{ row: ReportRow; name: string; spec: ScheduleSpec } | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    }
    await qc.invalidateQueries({ queryKey: keys.reports(account) });
  };

  return (
    <Card className={s.card} data-testid="partner-center-reports">
      <div className={s.titles}>
        <Subtitle2 as="h2">Partner Center reports</Subtitle2>
        <Text className={s.muted}>Made by Partner Center on its side, on the schedule you choose; each file arrives in Downloads by itself.</Text>
      </div>
      {reports.isLoading ? (
        <div className={s.center}>
          <Spinner label="Asking Partner Center for the reports…" />
        </div>
      ) : null}
      {reports.error ? <ErrorBar error={toUiError(reports.error)} onRetry={() => void reports.refetch()} /> : null}
      {error ? <ErrorBar error={toUiError(error)} /> : null}
      {reports.data && reports.data.length === 0 ? (
        <EmptyState icon={<DocumentTable24Regular />} title="No reports yet" testId="no-reports" actions={<Button appearance="primary" onClick={onNew} data-testid="new-report">New report</Button>}>
          A report runs on Partner Center on a schedule you choose ("every Monday at 08:00"), and each file it makes downloads
          here by itself, ready for Excel.
        </EmptyState>
      ) : null}
      {reports.data && reports.data.length > 0 ? (
        <ReportList
          rows={reports.data}
          onEdit={(r) => setEditing({ row: r, name: r.name, spec: r.spec ?? defaultSpec() })}
          onPause={(r) => void act(() => b.pauseReport(account, r.id))}
          onResume={(r) => void act(() => b.resumeReport(account, r.id))}
          onDelete={setDeleting}
          onFile={onFile}
        />
      ) : null}
      <Dialog open={deleting !== null} onOpenChange={(_, d) => !d.open && setDeleting(null)}>
        <DialogSurface data-testid="delete-report-dialog">
          <DialogBody>
            <DialogTitle>Delete {deleting?.name}?</DialogTitle>
            <DialogContent>
              <Text>Partner Center stops running it and forgets its runs. The files already downloaded stay in Downloads and in their folder.</Text>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDeleting(null)} data-testid="delete-report-keep">
                Keep it
              </Button>
              <Button
                appearance="primary"
                data-testid="delete-report-confirm"
                onClick={() => {
                  const r = deleting;
                  setDeleting(null);
                  if (r) void act(() => b.deleteReport(account, r.id));
                }}
              >
                Delete
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={editing !== null} onOpenChange={(_, d) => !d.open && setEditing(null)}>
        <DialogSurface style={{ maxWidth: "860px" }}>
          <DialogBody>
            <DialogTitle>Edit {editing?.row.name}</DialogTitle>
            <DialogContent>
              {editing ? (
                <>
                  <Field label="Report name">
                    <Input value={editing.name} onChange={(_, d) => setEditing({ ...editing, name: d.value })} />
                  </Field>
                  <ScheduleForm account={account} dataset={editing.row.dataset ?? ""} minimumHours={4} spec={editing.spec} onChange={(spec) => setEditing({ ...editing, spec })} />
                </>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setEditing(null)}>Cancel</Button>
              <Button
                appearance="primary"
                onClick={() => {
                  const e = editing;
                  setEditing(null);
                  if (e) void act(() => b.updateReport(account, e.row.id, e.name, e.spec));
                }}
              >
                Save
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Card>
  );
}
