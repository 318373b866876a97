// Schedules on this computer: a saved Explore view fetched, grouped and written into a folder
// as CSV, Excel or a PNG chart, daily, weekly or monthly at a local time. A run missed while
// the computer slept runs once when it wakes. Each run's outcome is kept.
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
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { ScreenReaderText } from "../../components/ScreenReaderText";
import type { Cadence, LocalSchedule, OutputFormat } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useSavedViews, useSchedules } from "../../backend/queries";
import { useApp } from "../../app/context";
import { ErrorBar } from "../../components/ErrorBar";
import { formatStamp } from "../../lib/format";

const useStyles = makeStyles({
  card: { padding: "16px", gap: "12px" },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "12px", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  titles: { display: "flex", flexDirection: "column", gap: "2px" },
  form: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", gap: "10px", flexWrap: "wrap", alignItems: "flex-end" },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function LocalSchedules() {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const { account } = useApp();
  const schedules = useSchedules();
  const views = useSavedViews();
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<LocalSchedule | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    }
    await qc.invalidateQueries({ queryKey: keys.schedules });
  };
  const start = () =>
    setDraft({
      name: "",
      view: views.data?.[0]?.name ?? "",
      account: account?.id ?? "",
      cadence: { kind: "daily" },
      time: "07:00",
      format: "xlsx",
      folder: "",
      paused: false,
    });

  return (
    <Card className={s.card} data-testid="local-schedules">
      <div className={s.head}>
        <div className={s.titles}>
          <Subtitle2 as="h2">Schedules on this computer</Subtitle2>
          <Text className={s.muted}>A saved view from Explore, refreshed and saved into a folder at the time you choose.</Text>
        </div>
        <Button disabled={!views.data?.length} onClick={start} data-testid="new-schedule">
          New schedule
        </Button>
      </div>
      {views.data && views.data.length === 0 ? <Text className={s.muted}>Save a view in Explore first; then it can run here on a schedule.</Text> : null}
      {error ? <ErrorBar error={toUiError(error)} /> : null}
      {schedules.data && schedules.data.length > 0 ? (
        <Table aria-label="Schedules on this computer" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Schedule</TableHeaderCell>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell>Next run</TableHeaderCell>
              <TableHeaderCell>Last run</TableHeaderCell>
              <TableHeaderCell><ScreenReaderText>Actions</ScreenReaderText></TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {schedules.data.map((r) => (
              <TableRow key={r.schedule.name}>
                <TableCell>
                  <Text weight="semibold">{r.schedule.name}</Text>
                  <Text as="p" size={200} className={s.muted}>
                    {r.schedule.view} · {r.schedule.format.toUpperCase()} into <span className={s.path}>{r.schedule.folder}</span>
                  </Text>
                </TableCell>
                <TableCell>{r.summary}</TableCell>
                <TableCell>{r.nextRun ?? <span className={s.muted}>Paused</span>}</TableCell>
                <TableCell>
                  {r.lastRun ? (
                    <Text className={r.lastRun.ok ? undefined : s.muted}>
                      {formatStamp(r.lastRun.ranAt)}: {r.lastRun.ok ? r.lastRun.message : `did not run. ${r.lastRun.message}`}
                    </Text>
                  ) : (
                    <span className={s.muted}>Not yet</span>
                  )}
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => void act(() => b.runScheduleNow(r.schedule.name))}>
                    Run now
                  </Button>{" "}
                  <Button size="small" appearance="subtle" onClick={() => void act(() => b.deleteSchedule(r.schedule.name))}>
                    Delete
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Dialog open={draft !== null} onOpenChange={(_, d) => !d.open && setDraft(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>New schedule</DialogTitle>
            <DialogContent>
              {draft ? <ScheduleFields draft={draft} onChange={setDraft} views={(views.data ?? []).map((v) => v.name)} /> : null}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDraft(null)}>Cancel</Button>
              <Button
                appearance="primary"
                disabled={!draft?.name.trim() || !draft?.folder}
                onClick={() => {
                  const d = draft;
                  setDraft(null);
                  if (d) void act(() => b.saveSchedule(d));
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

function ScheduleFields({ draft, onChange, views }: { draft: LocalSchedule; onChange: (d: LocalSchedule) => void; views: string[] }) {
  const s = useStyles();
  const b = useBackend();
  const kind = draft.cadence.kind;
  const setKind = (k: Cadence["kind"]) =>
    onChange({ ...draft, cadence: k === "weekly" ? { kind: "weekly", weekday: 0 } : k === "monthly" ? { kind: "monthly", day: 1 } : { kind: "daily" } });
  return (
    <div className={s.form}>
      <Field label="Name" required>
        <Input value={draft.name} onChange={(_, d) => onChange({ ...draft, name: d.value })} />
      </Field>
      <Field label="Saved view">
        <Select value={draft.view} onChange={(_, d) => onChange({ ...draft, view: d.value })}>
          {views.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </Select>
      </Field>
      <div className={s.row}>
        <Field label="Runs">
          <Select value={kind} onChange={(_, d) => setKind(d.value as Cadence["kind"])}>
            <option value="daily">Every day</option>
            <option value="weekly">Every week</option>
            <option value="monthly">Every month</option>
          </Select>
        </Field>
        {draft.cadence.kind === "weekly" ? (
          <Field label="On">
            <Select value={String(draft.cadence.weekday)} onChange={(_, d) => onChange({ ...draft, cadence: { kind: "weekly", weekday: Number(d.value) } })}>
              {WEEKDAYS.map((w, i) => (
                <option key={w} value={i}>
                  {w}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {draft.cadence.kind === "monthly" ? (
          <Field label="Day of the month">
            <Input type="number" min={1} max={31} value={String(draft.cadence.day)} onChange={(_, d) => onChange({ ...draft, cadence: { kind: "monthly", day: Math.min(31, Math.max(1, Number(d.value) || 1)) } })} />
          </Field>
        ) : null}
        <Field label="At">
          <Input type="time" value={draft.time} onChange={(_, d) => onChange({ ...draft, time: d.value })} />
        </Field>
      </div>
      <Field label="Save as">
        <Select value={draft.format} onChange={(_, d) => onChange({ ...draft, format: d.value as OutputFormat })}>
          <option value="xlsx">Excel workbook</option>
          <option value="csv">CSV</option>
          <option value="png">PNG chart</option>
        </Select>
      </Field>
      <Field label="Into the folder">
        <div className={s.row}>
          <Text className={s.path}>{draft.folder || "No folder chosen"}</Text>
          <Button size="small" onClick={() => void b.chooseFolder().then((f) => f && onChange({ ...draft, folder: f }))}>
            Choose…
          </Button>
        </div>
      </Field>
    </div>
  );
}
