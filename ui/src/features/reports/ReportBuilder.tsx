// A new report, built without writing a query: tick columns and metrics, add filters (their
// values picked from what the service holds), choose the order, a limit and the time range in
// words. The query text it makes is checked as it changes against the account's catalogue: a
// mistake is said in the service's words, a name the catalogue does not know is a note to
// confirm (the service decides). The text itself waits under "Advanced". Preview runs it on the
// service; Save stores the query and schedules the report.
import { useMemo, useState } from "react";
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
  makeStyles,
  useToastController,
  Toast,
  ToastTitle,
  ToastBody,
} from "@fluentui/react-components";
import { Play16Regular } from "@fluentui/react-icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { DatasetCard, Preview, QueryFilter, ReportQuery, ScheduleSpec } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys } from "../../backend/queries";
import { TOASTER } from "../../app/toaster";
import { ErrorBar } from "../../components/ErrorBar";
import { AdvancedQuery } from "./AdvancedQuery";
import { CheckList } from "./CheckList";
import { PreviewTable } from "./PreviewTable";
import { QueryFilters } from "./QueryFilters";
import { ScheduleForm, defaultSpec } from "./ScheduleForm";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "14px" },
  card: { padding: "16px", gap: "12px" },
  row: { display: "flex", gap: "16px", flexWrap: "wrap", alignItems: "flex-end" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

/// The question as the service takes it: empty values dropped (a list typed with a blank line).
function cleaned(q: ReportQuery): ReportQuery {
  return { ...q, filters: (q.filters ?? []).map((f) => ({ ...f, values: f.values.map((v) => v.trim()).filter(Boolean) })) };
}

export function ReportBuilder({ account, card, onBack, onSaved }: { account: string; card: DatasetCard; onBack: () => void; onSaved: () => void }) {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const { dispatchToast } = useToastController(TOASTER);
  const [name, setName] = useState(`${card.title} report`);
  const [columns, setColumns] = useState<string[]>([]);
  const [metrics, setMetrics] = useState<string[]>([]);
  const [filters, setFilters] = useState<QueryFilter[]>([]);
  const [orderBy, setOrderBy] = useState<string | null>(null);
  const [descending, setDescending] = useState(true);
  const [limit, setLimit] = useState<string>("");
  const [range, setRange] = useState<string | null>(card.ranges.find((r) => r.name === "LAST_3_MONTHS")?.name ?? card.ranges[0]?.name ?? null);
  const [spec, setSpec] = useState<ScheduleSpec>(defaultSpec());
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<"preview" | "save" | null>(null);
  const [error, setError] = useState<unknown>(null);

  const query: ReportQuery = useMemo(
    () => cleaned({ dataset: card.name, columns, metrics, filters, orderBy, descending, limit: limit ? Number(limit) : null, range }),
    [card.name, columns, metrics, filters, orderBy, descending, limit, range],
  );
  const built = useQuery({ queryKey: ["buildQuery", account, JSON.stringify(query)], queryFn: () => b.buildReportQuery(account, query) });
  const labels = useMemo(() => new Map([...card.columns, ...card.metrics].map((c) => [c.name, c.label])), [card]);
  const chosen = [...columns, ...metrics];
  const problem = built.data?.problem ?? null;
  const warnings = built.data?.warnings ?? [];

  const run = async () => {
    setBusy("preview");
    setError(null);
    try {
      setPreview(await b.previewReport(account, query));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    setBusy("save");
    setError(null);
    try {
      await b.createReport(account, name, query, spec);
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
    <div className={s.page} data-testid="report-builder">
      <div className={s.actions}>
        <Button onClick={onBack}>Back to the data sets</Button>
      </div>
      <Card className={s.card}>
        <Subtitle2 as="h2">{card.title}</Subtitle2>
        <div className={s.row}>
          <Field label="Report name" required>
            <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="report-name" style={{ minWidth: "320px" }} />
          </Field>
          <Field label="Time range" hint={card.monthNote ?? undefined}>
            <Select value={range ?? ""} onChange={(_, d) => setRange(d.value || null)} data-testid="report-range">
              {card.ranges.map((r) => (
                <option key={r.name} value={r.name}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className={s.row}>
          <CheckList label="Columns" options={card.columns} chosen={columns} onChange={setColumns} testId="report-columns" />
          <CheckList label="Metrics" options={card.metrics} chosen={metrics} onChange={setMetrics} testId="report-metrics" />
        </div>
        <QueryFilters account={account} dataset={card.name} range={range} columns={card.columns} filters={filters} onChange={setFilters} />
        <div className={s.row}>
          <Field label="Order by">
            <Select value={orderBy ?? ""} onChange={(_, d) => setOrderBy(d.value || null)} data-testid="report-order">
              <option value="">As the service sends them</option>
              {chosen.map((c) => (
                <option key={c} value={c}>
                  {labels.get(c) ?? c}
                </option>
              ))}
            </Select>
          </Field>
          {orderBy ? <Checkbox label="Largest first" checked={descending} onChange={(_, d) => setDescending(!!d.checked)} /> : null}
          <Field label="At most this many rows" hint="Empty: every row">
            <Input type="number" min={1} value={limit} onChange={(_, d) => setLimit(d.value)} data-testid="report-limit" />
          </Field>
        </div>
        {problem && chosen.length > 0 ? (
          <MessageBar intent="warning" data-testid="report-problem">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        ) : null}
        {warnings.length > 0 ? (
          <MessageBar intent="info" data-testid="report-warnings">
            <MessageBarBody>
              {warnings.map((w) => (
                <div key={w}>{w}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={s.actions}>
          <Button icon={<Play16Regular />} disabled={!built.data?.text || busy !== null} onClick={() => void run()} data-testid="report-preview">
            Preview
          </Button>
          {busy === "preview" ? <Spinner size="tiny" label="Running on Partner Center…" /> : null}
        </div>
        {preview ? <PreviewTable preview={preview} labels={labels} /> : null}
        <AdvancedQuery text={built.data?.text ?? null} placeholder="Tick at least one column or metric." />
      </Card>
      <Card className={s.card}>
        <Subtitle2 as="h2">Schedule</Subtitle2>
        <ScheduleForm account={account} dataset={card.name} minimumHours={card.minimumHours} spec={spec} onChange={setSpec} />
      </Card>
      {error ? <ErrorBar error={toUiError(error)} /> : null}
      <div className={s.actions}>
        <Button appearance="primary" disabled={!built.data?.text || !name.trim() || busy !== null} onClick={() => void save()} data-testid="report-save">
          Save and schedule
        </Button>
        <Button onClick={onBack}>Cancel</Button>
        {busy === "save" ? <Spinner size="tiny" label="Saving…" /> : null}
      </div>
    </div>
  );
}
