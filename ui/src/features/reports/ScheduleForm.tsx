// When a report runs, in plain words and local time: once now, every day, every week on a day,
// every few days or hours; how many times or until when; CSV or TSV. Beside it, what the
// service will be told, read back: the next three runs here, the time zone by name, and a
// plain warning when the service's hours drift against the local clock across a change of
// daylight-saving time.
import { useEffect, useState } from "react";
import { Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import type { Repeat, ScheduleSpec } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";

const useStyles = makeStyles({
  box: { display: "flex", gap: "24px", flexWrap: "wrap" },
  form: { display: "flex", flexDirection: "column", gap: "10px", minWidth: "280px", flex: 1 },
  row: { display: "flex", gap: "10px", alignItems: "flex-end", flexWrap: "wrap" },
  plan: { display: "flex", flexDirection: "column", gap: "6px", minWidth: "280px", flex: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  runs: { margin: 0, paddingLeft: "20px" },
});

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
type Kind = Repeat["kind"];
// The service needs to know when a schedule ends: after a number of runs, or on a day.
type Ends = "times" | "until";

export function defaultSpec(): ScheduleSpec {
  return { repeat: { kind: "daily" }, time: "06:00", firstDay: null, times: 30, until: null, format: "csv" };
}

/// Three months from today, as a first guess at the last day.
function lastDayDefault(): string {
  const d = new Date();
  d.setMonth(d.getMonth() + 3);
  return d.toISOString().slice(0, 10);
}

/// Waits until typing stops before asking the backend.
function useSettled<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ScheduleForm({
  account,
  dataset,
  minimumHours,
  spec,
  onChange,
}: {
  account: string;
  dataset: string;
  minimumHours: number;
  spec: ScheduleSpec;
  onChange: (s: ScheduleSpec) => void;
}) {
  const s = useStyles();
  const b = useBackend();
  const settled = useSettled(spec);
  const plan = useQuery({
    queryKey: ["plan", account, dataset, JSON.stringify(settled)],
    queryFn: () => b.planReportSchedule(account, dataset, settled),
    retry: false,
  });
  const kind = spec.repeat.kind;
  const ends: Ends = spec.until && !spec.times ? "until" : "times";
  const setKind = (k: Kind) => {
    const repeat: Repeat =
      k === "weekly"
        ? { kind: "weekly", weekday: 0 }
        : k === "everyDays"
          ? { kind: "everyDays", days: 2 }
          : k === "everyHours"
            ? { kind: "everyHours", hours: Math.max(minimumHours, 12) }
            : { kind: k };
    onChange({ ...spec, repeat, times: k === "once" ? null : (spec.times ?? (spec.until ? null : 30)) });
  };

  return (
    <div className={s.box}>
      <div className={s.form} data-testid="schedule-form">
        <div className={s.row}>
          <Field label="Runs">
            <Select value={kind} onChange={(_, d) => setKind(d.value as Kind)} data-testid="schedule-repeat">
              <option value="once">Once, now</option>
              <option value="daily">Every day</option>
              <option value="weekly">Every week</option>
              <option value="everyDays">Every few days</option>
              <option value="everyHours">Every few hours</option>
            </Select>
          </Field>
          {spec.repeat.kind === "weekly" ? (
            <Field label="On">
              <Select
                value={String(spec.repeat.weekday)}
                onChange={(_, d) => onChange({ ...spec, repeat: { kind: "weekly", weekday: Number(d.value) } })}
                data-testid="schedule-weekday"
              >
                {WEEKDAYS.map((w, i) => (
                  <option key={w} value={i}>
                    {w}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          {spec.repeat.kind === "everyDays" ? (
            <Field label="Days apart">
              <Input type="number" min={1} max={90} value={String(spec.repeat.days)} onChange={(_, d) => onChange({ ...spec, repeat: { kind: "everyDays", days: Number(d.value) || 1 } })} />
            </Field>
          ) : null}
          {spec.repeat.kind === "everyHours" ? (
            <Field label="Hours apart" hint={`At least ${minimumHours} for this data`}>
              <Input type="number" min={minimumHours} max={2160} value={String(spec.repeat.hours)} onChange={(_, d) => onChange({ ...spec, repeat: { kind: "everyHours", hours: Number(d.value) || minimumHours } })} />
            </Field>
          ) : null}
          {kind !== "once" ? (
            <Field label="At">
              <Input type="time" value={spec.time} onChange={(_, d) => onChange({ ...spec, time: d.value })} data-testid="schedule-time" />
            </Field>
          ) : null}
          {kind !== "once" ? (
            <Field label="Starting">
              <Input type="date" value={spec.firstDay ?? ""} onChange={(_, d) => onChange({ ...spec, firstDay: d.value || null })} />
            </Field>
          ) : null}
        </div>
        {kind !== "once" ? (
          <div className={s.row}>
            <Field label="Ends">
              <Select
                value={ends}
                onChange={(_, d) => onChange({ ...spec, times: d.value === "times" ? 30 : null, until: d.value === "until" ? lastDayDefault() : null })}
              >
                <option value="times">After a number of runs</option>
                <option value="until">On a day</option>
              </Select>
            </Field>
            {ends === "times" ? (
              <Field label="Runs in all">
                <Input type="number" min={1} value={String(spec.times ?? 1)} onChange={(_, d) => onChange({ ...spec, times: Number(d.value) || 1 })} />
              </Field>
            ) : null}
            {ends === "until" ? (
              <Field label="Last day">
                <Input type="date" value={spec.until ?? ""} onChange={(_, d) => onChange({ ...spec, until: d.value || null })} />
              </Field>
            ) : null}
          </div>
        ) : null}
        <Field label="File">
          <RadioGroup layout="horizontal" value={spec.format} onChange={(_, d) => onChange({ ...spec, format: d.value })}>
            <Radio value="csv" label="CSV (opens in Excel)" />
            <Radio value="tsv" label="TSV (tab-separated)" />
          </RadioGroup>
        </Field>
      </div>
      <div className={s.plan} data-testid="schedule-plan" aria-live="polite">
        {plan.isLoading ? <Spinner size="tiny" label="Working out the runs…" /> : null}
        {plan.error ? (
          <MessageBar intent="warning">
            <MessageBarBody>{toUiError(plan.error).message}</MessageBarBody>
          </MessageBar>
        ) : null}
        {plan.data ? (
          <>
            <Text weight="semibold" data-testid="schedule-summary">
              {plan.data.summary}
            </Text>
            <Text className={s.muted}>
              {plan.data.executeNow ? "It runs as soon as it is saved." : "Next runs, in your time zone"} ({plan.data.timeZone.replace(/^Etc\//, "").replace(/_/g, " ")}):
            </Text>
            <ul className={s.runs} data-testid="schedule-next-runs">
              {plan.data.nextRuns.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {plan.data.note ? (
              <MessageBar intent="info" data-testid="schedule-note">
                <MessageBarBody>{plan.data.note}</MessageBarBody>
              </MessageBar>
            ) : null}
            {plan.data.drift ? (
              <MessageBar intent="info" data-testid="schedule-drift">
                <MessageBarBody>{plan.data.drift}</MessageBarBody>
              </MessageBar>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
