// "Schedule": the question on screen saved as a view and run on this computer at a time chosen
// in words (every day at 07:00, every Monday, the 1st of each month), written into a folder as
// Excel, CSV or a PNG chart. A run missed while the computer slept runs once when it wakes.
import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text, Toast, ToastTitle, useToastController } from "@fluentui/react-components";
import { CalendarClock20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { LocalSchedule, View } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useDownloads } from "../../backend/queries";
import { TOASTER } from "../../app/toaster";
import { ErrorBar } from "../../components/ErrorBar";
import { LocalScheduleFields } from "../../components/LocalScheduleFields";

export function ScheduleViewButton({ account, view, suggested }: { account: string; view: View; suggested: string }) {
  const b = useBackend();
  const qc = useQueryClient();
  const { dispatchToast } = useToastController(TOASTER);
  const [draft, setDraft] = useState<LocalSchedule | null>(null);
  const [error, setError] = useState<unknown>(null);
  const downloads = useDownloads();
  const open = () => {
    setError(null);
    // How often follows how the view groups time (a monthly view runs monthly, on the 1st), and
    // the files go to the report library unless the person picks another folder: Save is ready
    // at once.
    const period = view.date?.period;
    const cadence: LocalSchedule["cadence"] =
      period === "month" || period === "quarter" || period === "year" ? { kind: "monthly", day: 1 } : period === "week" ? { kind: "weekly", weekday: 0 } : { kind: "daily" };
    setDraft({ name: suggested, view: suggested, account, cadence, time: "07:00", format: view.date ? "xlsx" : "csv", folder: downloads.data?.library ?? "", paused: false });
  };
  const save = async () => {
    if (!draft) return;
    try {
      // The schedule runs a saved view: this question, under the schedule's name.
      await b.saveView(draft.name, view);
      await b.saveSchedule({ ...draft, view: draft.name.trim() });
      await Promise.all([qc.invalidateQueries({ queryKey: keys.views }), qc.invalidateQueries({ queryKey: keys.schedules })]);
      dispatchToast(
        <Toast data-testid="schedule-saved">
          <ToastTitle>{`${draft.name.trim()} will run on this computer`}</ToastTitle>
        </Toast>,
        { intent: "success", timeout: 6_000 },
      );
      setDraft(null);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Button icon={<CalendarClock20Regular />} onClick={open} data-testid="schedule-view">
        Schedule
      </Button>
      <Dialog open={draft !== null} onOpenChange={(_, d) => !d.open && setDraft(null)}>
        <DialogSurface data-testid="schedule-dialog">
          <DialogBody>
            <DialogTitle>Run this view on a schedule</DialogTitle>
            <DialogContent>
              <Text as="p" style={{ marginBottom: "12px", display: "block" }}>Partner Lens fetches the data, groups it as shown here and saves the file, while it runs (in the window or the tray).</Text>
              {draft ? <LocalScheduleFields draft={draft} onChange={setDraft} /> : null}
              {error ? <ErrorBar error={toUiError(error)} /> : null}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDraft(null)}>Cancel</Button>
              <Button appearance="primary" disabled={!draft?.name.trim() || !draft?.folder} onClick={() => void save()} data-testid="schedule-save">
                Save schedule
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
