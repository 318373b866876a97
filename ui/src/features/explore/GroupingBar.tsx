// How the answer is grouped: up to two fields to split by, a date field by day, week, month,
// quarter or year, the metrics, the top N with the rest as "Other", the change against the
// previous period, and the chart.
import { useMemo, useState } from "react";
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Option,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  SearchBox,
  Switch,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ChevronDown16Regular } from "@fluentui/react-icons";
import type { ChartKind, DatasetInfo, Metric, Period, View } from "../../backend";

export const PERIODS: { id: Period; label: string }[] = [
  { id: "day", label: "Day" },
  { id: "week", label: "Week" },
  { id: "month", label: "Month" },
  { id: "quarter", label: "Quarter" },
  { id: "year", label: "Year" },
];

const CHARTS: { id: ChartKind; label: string }[] = [
  { id: "line", label: "Line" },
  { id: "bar", label: "Bar" },
  { id: "stacked", label: "Stacked bar" },
  { id: "table", label: "Table only" },
];

const NONE = "__none";

const useStyles = makeStyles({
  bar: { display: "flex", columnGap: "16px", rowGap: "10px", flexWrap: "wrap", alignItems: "flex-end" },
  drop: { minWidth: "160px" },
  metrics: { width: "320px", display: "flex", flexDirection: "column", gap: "8px" },
  metricList: { maxHeight: "300px", overflowY: "auto", display: "flex", flexDirection: "column" },
  metricButton: { minWidth: "180px", justifyContent: "space-between", fontWeight: tokens.fontWeightRegular },
  narrow: { minWidth: "130px" },
});

export function metricKey(m: Metric): string {
  return m.kind === "count" ? "count" : `${m.kind}:${m.field}`;
}

function MetricPicker({ info, view, onChange }: { info: DatasetInfo; view: View; onChange: (v: View) => void }) {
  const s = useStyles();
  const [search, setSearch] = useState("");
  const chosen = view.metrics?.length ? view.metrics : info.defaultMetrics;
  const keysChosen = new Set(chosen.map(metricKey));
  const shown = info.metrics.filter((o) => !search || o.label.toLowerCase().includes(search.toLowerCase()));
  const label = info.metrics
    .filter((o) => keysChosen.has(metricKey(o.metric)))
    .map((o) => o.label)
    .join(", ");
  const toggle = (m: Metric, on: boolean) => {
    const next = on ? [...chosen, m] : chosen.filter((x) => metricKey(x) !== metricKey(m));
    if (next.length) onChange({ ...view, metrics: next });
  };
  return (
    <Field size="small" label="Show">
      <Popover positioning="below-start" trapFocus>
        <PopoverTrigger disableButtonEnhancement>
          <Button size="small" className={s.metricButton} icon={<ChevronDown16Regular />} iconPosition="after" data-testid="metrics">
            {label}
          </Button>
        </PopoverTrigger>
        <PopoverSurface aria-label="Metrics">
          <div className={s.metrics}>
            <SearchBox aria-label="Search metrics" placeholder="Search" value={search} onChange={(_, d) => setSearch(d.value)} />
            <div className={s.metricList} role="group" aria-label="Metrics to show">
              {shown.map((o) => (
                <Checkbox
                  key={metricKey(o.metric)}
                  label={o.label}
                  checked={keysChosen.has(metricKey(o.metric))}
                  onChange={(_, d) => toggle(o.metric, !!d.checked)}
                  data-metric={metricKey(o.metric)}
                />
              ))}
            </div>
          </div>
        </PopoverSurface>
      </Popover>
    </Field>
  );
}

export function GroupingBar({
  info,
  view,
  resolvedChart,
  onChange,
}: {
  info: DatasetInfo;
  view: View;
  resolvedChart?: ChartKind;
  onChange: (v: View) => void;
}) {
  const s = useStyles();
  const groupable = useMemo(() => info.fields.filter((f) => f.groupable), [info]);
  const dates = useMemo(() => info.fields.filter((f) => f.filter === "dates"), [info]);
  const label = (name: string | undefined) => info.fields.find((f) => f.name === name)?.label ?? "None";
  const group = view.groupBy ?? [];
  const setGroup = (i: number, name: string) => {
    const next = [...group];
    if (name === NONE) next.splice(i);
    else next[i] = name;
    onChange({ ...view, groupBy: next.filter((g, j) => next.indexOf(g) === j).slice(0, 2), top: next.length ? view.top : null, drill: [] });
  };
  const chart = view.chart && view.chart !== "auto" ? view.chart : (resolvedChart ?? null);
  return (
    <div className={s.bar} role="group" aria-label="Grouping" data-testid="grouping-bar">
      <Field size="small" label="Split by">
        <Dropdown
          size="small"
          className={s.drop}
          value={label(group[0])}
          selectedOptions={[group[0] ?? NONE]}
          onOptionSelect={(_, d) => setGroup(0, d.optionValue ?? NONE)}
          data-testid="split-1"
        >
          <Option value={NONE}>None</Option>
          {groupable.map((f) => (
            <Option key={f.name} value={f.name} data-testid={`split-1-${f.name}`}>
              {f.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {group.length ? (
        <Field size="small" label="Then by">
          <Dropdown
          size="small"
            className={s.drop}
            value={label(group[1])}
            selectedOptions={[group[1] ?? NONE]}
            onOptionSelect={(_, d) => setGroup(1, d.optionValue ?? NONE)}
            data-testid="split-2"
          >
            <Option value={NONE}>None</Option>
            {groupable
              .filter((f) => f.name !== group[0])
              .map((f) => (
                <Option key={f.name} value={f.name}>
                  {f.label}
                </Option>
              ))}
          </Dropdown>
        </Field>
      ) : null}
      <Field size="small" label="Over time">
        <Dropdown
          size="small"
          className={s.drop}
          value={view.date ? label(view.date.field) : "No time axis"}
          selectedOptions={[view.date?.field ?? NONE]}
          onOptionSelect={(_, d) =>
            onChange({
              ...view,
              date: d.optionValue && d.optionValue !== NONE ? { field: d.optionValue, period: view.date?.period ?? "month" } : null,
              drill: [],
            })
          }
          data-testid="date-field"
        >
          <Option value={NONE}>No time axis</Option>
          {dates.map((f) => (
            <Option key={f.name} value={f.name}>
              {f.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {view.date ? (
        <Field size="small" label="By">
          <TabList
            size="small"
            selectedValue={view.date.period}
            onTabSelect={(_, d) => {
              // When the person asked, for the window benchmark (click to chart drawn).
              document.documentElement.dataset.askedAt = String(performance.now());
              if (view.date) onChange({ ...view, date: { ...view.date, period: d.value as Period } });
            }}
          >
            {PERIODS.map((p) => (
              <Tab key={p.id} value={p.id} data-testid={`period-${p.id}`}>
                {p.label}
              </Tab>
            ))}
          </TabList>
        </Field>
      ) : null}
      <MetricPicker info={info} view={view} onChange={onChange} />
      {group.length ? (
        <Field size="small" label="Values">
          <Dropdown
            size="small"
            className={s.narrow}
            value={view.top ? `Top ${view.top}, rest as Other` : "All"}
            selectedOptions={[String(view.top ?? 0)]}
            onOptionSelect={(_, d) => onChange({ ...view, top: Number(d.optionValue) || null })}
            data-testid="top"
          >
            <Option value="0">All</Option>
            {[3, 5, 10, 20].map((n) => (
              <Option key={n} value={String(n)}>{`Top ${n}, rest as Other`}</Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      {view.date ? (
        <Switch
          label="Change on previous period"
          checked={!!view.change}
          onChange={(_, d) => onChange({ ...view, change: d.checked })}
          data-testid="change"
        />
      ) : null}
      <Field size="small" label="Chart">
        <TabList
          size="small"
          selectedValue={chart ?? "auto"}
          onTabSelect={(_, d) => onChange({ ...view, chart: d.value as ChartKind })}
        >
          {CHARTS.map((c) => (
            <Tab key={c.id} value={c.id} data-testid={`chart-${c.id}`}>
              {c.label}
            </Tab>
          ))}
        </TabList>
      </Field>
    </div>
  );
}
