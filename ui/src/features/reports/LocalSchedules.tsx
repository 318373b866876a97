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
import type { LocalSchedule } from "../../backend";
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
          <Subtitle2 as="h2">My exports</Subtitle2>
          <Text className={s.muted}>Made by this computer from a view you saved in Explore: fetched, grouped and saved into a folder at the time you choose.</Text>
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
              {draft ? <LocalScheduleFields draft={draft} onChange={setDraft} views={(views.data ?? []).map((v) => v.name)} /> : null}
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
