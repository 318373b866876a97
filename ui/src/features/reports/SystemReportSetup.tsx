// One of Microsoft's ready-made reports, made the account's own: its name, a preview run on the
// service, the query under "Advanced", and a schedule; or once, now. The report is created from
// the system query's id, so it runs exactly what Microsoft wrote.
import { useEffect, useState } from "react";
import { Button, Card, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, Toast, ToastBody, ToastTitle, makeStyles, tokens, useToastController } from "@fluentui/react-components";
import { Eye16Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { Preview, ScheduleSpec, SystemReport } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useCatalogue } from "../../backend/queries";
import { TOASTER } from "../../app/toaster";
import { ErrorBar } from "../../components/ErrorBar";
import { AdvancedQuery } from "./AdvancedQuery";
import { PreviewTable } from "./PreviewTable";
import { ScheduleForm, defaultSpec } from "./ScheduleForm";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "14px" },
  card: { padding: "16px", gap: "12px" },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
});

export function SystemReportSetup({
  account,
  report,
  previewFirst,
  onBack,
  onSaved,
}: {
  account: string;
  report: SystemReport;
  /** Run the preview as the screen opens (the card's Preview button). */
  previewFirst: boolean;
  onBack: () => void;
  onSaved: () => void;
}) {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const cat = useCatalogue(account);
  const { dispatchToast } = useToastController(TOASTER);
  const dataset = cat.data?.datasets.find((d) => d.name === report.dataset);
  const labels = new Map((dataset?.columns ?? []).map((c) => [c.name, c.label]));
  const [name, setName] = useState(report.title);
  const [spec, setSpec] = useState<ScheduleSpec>(defaultSpec());
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<"preview" | "save" | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setBusy("preview");
    setError(null);
    try {
      setPreview(await b.previewQuery(account, report.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  useEffect(() => {
    if (previewFirst) void run();
    // Once, as the screen opens.
  }, []);
  const save = async () => {
    setBusy("save");
    setError(null);
    try {
      await b.createReportFromQuery(account, name.trim(), report.id, spec);
      await qc.invalidateQueries({ queryKey: keys.reports(account) });
      dispatchToast(
        <Toast data-testid="report-saved">
          <ToastTitle>Saved {name.trim()}</ToastTitle>
          <ToastBody>Each file will arrive in Downloads by itself.</ToastBody>
        </Toast>,
        { intent: "success", timeout: 8_000 },
      );
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={s.page} data-testid="system-report-setup">
      <div className={s.actions}>
        <Button onClick={onBack}>Back to the list</Button>
      </div>
      <Card className={s.card}>
        <Subtitle2 as="h2">{report.title}</Subtitle2>
        <Text>{report.description}</Text>
        <Text className={s.muted}>Made by Microsoft (“{report.name}” in Partner Center) and run as Microsoft wrote it.</Text>
        {report.revenue && !preview?.hiddenColumns.length ? (
          <MessageBar intent="info" data-testid="system-report-revenue-note">
            <MessageBarBody>
              It includes revenue, which Partner Center shows only to people with the Executive report viewer role. For anyone else those
              columns arrive hidden.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {dataset?.monthNote ? <Text className={s.muted}>{dataset.monthNote}</Text> : null}
        <Field label="Report name" required>
          <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="report-name" style={{ maxWidth: "420px" }} />
        </Field>
        <div className={s.actions}>
          <Button icon={<Eye16Regular />} disabled={busy !== null} onClick={() => void run()} data-testid="report-preview">
            Preview
          </Button>
          {busy === "preview" ? <Spinner size="tiny" label="Running on Partner Center…" /> : null}
        </div>
        {preview ? <PreviewTable preview={preview} labels={labels} /> : null}
        <AdvancedQuery text={report.query} placeholder="" />
      </Card>
      <Card className={s.card}>
        <Subtitle2 as="h2">Schedule</Subtitle2>
        <ScheduleForm account={account} dataset={report.dataset} minimumHours={dataset?.minimumHours ?? 4} spec={spec} onChange={setSpec} />
      </Card>
      {error ? <ErrorBar error={toUiError(error)} /> : null}
      <div className={s.actions}>
        <Button appearance="primary" disabled={!name.trim() || busy !== null} onClick={() => void save()} data-testid="report-save">
          {spec.repeat.kind === "once" ? "Run once now" : "Save and schedule"}
        </Button>
        <Button onClick={onBack}>Cancel</Button>
        {busy === "save" ? <Spinner size="tiny" label="Saving…" /> : null}
      </div>
    </div>
  );
}
