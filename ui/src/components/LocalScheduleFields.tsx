// The fields of a schedule on this computer: its name, the saved view (when one is to be
// picked), daily / weekly on a day / monthly on a day, the local time, the format and the
// folder, chosen in the system's folder dialog. Reports' list and Explore's "Schedule" use it.
import { Button, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Cadence, LocalSchedule, OutputFormat } from "../backend";
import { useBackend } from "../backend/context";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", gap: "10px", flexWrap: "wrap", alignItems: "flex-end" },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function LocalScheduleFields({ draft, onChange, views }: { draft: LocalSchedule; onChange: (d: LocalSchedule) => void; views?: string[] }) {
  const s = useStyles();
  const b = useBackend();
  const kind = draft.cadence.kind;
  const setKind = (k: Cadence["kind"]) =>
    onChange({ ...draft, cadence: k === "weekly" ? { kind: "weekly", weekday: 0 } : k === "monthly" ? { kind: "monthly", day: 1 } : { kind: "daily" } });
  return (
    <div className={s.form}>
      <Field label="Name" required>
        <Input value={draft.name} onChange={(_, d) => onChange({ ...draft, name: d.value })} data-testid="schedule-name" />
      </Field>
      {views ? (
        <Field label="Saved view">
          <Select value={draft.view} onChange={(_, d) => onChange({ ...draft, view: d.value })}>
            {views.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </Select>
        </Field>
      ) : null}
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
          <Button size="small" onClick={() => void b.chooseFolder().then((f) => f && onChange({ ...draft, folder: f }))} data-testid="schedule-folder">
            Choose…
          </Button>
        </div>
      </Field>
    </div>
  );
}
