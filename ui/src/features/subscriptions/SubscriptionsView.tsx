import { useMemo, useRef, useState } from "react";
import {
  Button,
  Card,
  CardHeader,
  Dropdown,
  Field,
  Option,
  Skeleton,
  SkeletonItem,
  Tab,
  TabList,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { backend, toUiError, type AccountView, type Answer, type Cell, type FetchReport, type LoadProgress, type Period, type Question } from "../../backend";
import { ErrorBar, NoteBar } from "../../components/ErrorBar";
import { FetchProgress } from "../../components/FetchProgress";
import { GroupTable, type ColumnLabel } from "../../components/GroupTable";
import { TrendChart } from "../../components/TrendChart";
import { formatNumber, formatTime, words } from "../../lib/format";

const DATASET = "subscriptions" as const;
export const PERIODS: { id: Period; label: string }[] = [
  { id: "day", label: "Day" },
  { id: "week", label: "Week" },
  { id: "month", label: "Month" },
];

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1400px", margin: "0 auto" },
  titleRow: { display: "flex", alignItems: "end", gap: "16px", flexWrap: "wrap" },
  titleBlock: { flex: 1, minWidth: "240px", display: "flex", flexDirection: "column", gap: "2px" },
  subtitle: { color: tokens.colorNeutralForeground3 },
  toolbar: { display: "flex", alignItems: "end", gap: "16px", flexWrap: "wrap" },
  kpis: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", gap: "12px" },
  kpiValue: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  kpiLabel: { color: tokens.colorNeutralForeground3 },
  empty: { padding: "32px", textAlign: "center", color: tokens.colorNeutralForeground3 },
});

function sumColumn(answer: Answer | undefined, name: string): number {
  const col = answer?.table.columns.find((c) => c.name === name);
  return col ? col.values.reduce<number>((acc, v) => acc + (typeof v === "number" ? v : 0), 0) : 0;
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  const styles = useStyles();
  return (
    <Card appearance="filled-alternative" data-testid={testId}>
      <Text className={styles.kpiLabel}>{label}</Text>
      <Text className={styles.kpiValue}>{value}</Text>
    </Card>
  );
}

// Subscriptions by type over time: fetched once, then regrouped instantly by day, week or month.
export function SubscriptionsView({ account }: { account: AccountView }) {
  const styles = useStyles();
  const [period, setPeriod] = useState<Period>("month");
  const [dateField, setDateField] = useState<string>("creationDate");
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const job = useRef<string | null>(null);

  const info = useQuery({ queryKey: ["datasetInfo", DATASET], queryFn: () => backend.datasetInfo(DATASET), staleTime: Infinity });
  // The copy saved by the last session shows at once; a fresh fetch runs behind it.
  const cached = useQuery({ queryKey: ["cached", account.id, DATASET], queryFn: () => backend.openCached(account.id, DATASET), staleTime: Infinity });
  const load = useQuery({
    queryKey: ["load", account.id, DATASET],
    queryFn: () => {
      setProgress(null);
      job.current = `load-${DATASET}-${Date.now()}`;
      return backend.loadDataset(account.id, DATASET, job.current, setProgress);
    },
    enabled: !cached.isPending,
    staleTime: Infinity,
  });
  const shown: FetchReport | undefined = load.data ?? cached.data ?? undefined;

  const question: Question = useMemo(
    () => ({
      filter: null,
      groupBy: ["subscriptionType"],
      date: { field: dateField, period },
      metrics: [{ kind: "count" }, { kind: "sum", field: "licenseCount" }],
      sort: null,
      top: null,
      fillGaps: false,
      change: false,
    }),
    [dateField, period],
  );
  const answer = useQuery({
    queryKey: ["ask", account.id, DATASET, question, shown?.fetchedAt, shown?.fromCache],
    queryFn: () => backend.ask(account.id, DATASET, question),
    enabled: !!shown,
    placeholderData: keepPreviousData,
  });

  const dateFields = (info.data?.fields ?? []).filter((f) => f.kind === "dateTime" && f.groupable);
  const fieldLabel = (name: string) => info.data?.fields.find((f) => f.name === name)?.label ?? words(name);
  const periodLabels = useMemo(() => {
    const m = new Map<string, string>();
    answer.data?.chart?.x.forEach((x, i) => m.set(x, answer.data!.chart!.labels[i]));
    return m;
  }, [answer.data]);
  const labels: Record<string, ColumnLabel> = {
    [dateField]: {
      label: PERIODS.find((p) => p.id === period)?.label ?? "Period",
      format: (c: Cell) => (typeof c === "string" ? periodLabels.get(c) ?? c : "No date"),
    },
    subscriptionType: { label: "Subscription type", format: (c: Cell) => (c === null ? "(none)" : String(c)) },
    count: { label: "Subscriptions" },
    sum_licenseCount: { label: "Licences" },
  };

  const fetching = load.isFetching;
  const cancel = () => {
    if (job.current) void backend.cancelJob(job.current);
  };

  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <div className={styles.titleBlock}>
          <Title3 as="h1">Subscriptions</Title3>
          <Text as="p" className={styles.subtitle} data-testid="subtitle">
            {shown
              ? `${formatNumber(shown.rows)} subscriptions · updated ${formatTime(shown.fetchedAt)}${shown.fromCache ? " (saved copy)" : ""}`
              : "Subscriptions by type over time"}
          </Text>
        </div>
        <div className={styles.toolbar}>
          <Field label="Date">
            <Dropdown
              value={fieldLabel(dateField)}
              selectedOptions={[dateField]}
              onOptionSelect={(_, d) => d.optionValue && setDateField(d.optionValue)}
              style={{ minWidth: 220 }}
              data-testid="date-field"
            >
              {dateFields.map((f) => (
                <Option key={f.name} value={f.name}>
                  {f.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="Period">
            <TabList selectedValue={period} onTabSelect={(_, d) => setPeriod(d.value as Period)} appearance="subtle-circular" size="small">
              {PERIODS.map((p) => (
                <Tab key={p.id} value={p.id} data-testid={`period-${p.id}`}>
                  {p.label}
                </Tab>
              ))}
            </TabList>
          </Field>
          <Button icon={<ArrowClockwise20Regular />} onClick={() => load.refetch()} disabled={fetching}>
            Refresh
          </Button>
        </div>
      </div>

      {fetching ? <FetchProgress what={shown ? "the latest subscriptions" : "subscriptions"} progress={progress} onCancel={cancel} /> : null}
      {cached.error ? <NoteBar text={toUiError(cached.error).message} /> : null}
      {load.data?.note ? <NoteBar text={load.data.note} /> : null}
      {load.error && !fetching && shown ? (
        <ErrorBar
          error={{ ...toUiError(load.error), message: `Showing the copy saved at ${formatTime(shown.fetchedAt)}. The refresh didn't work: ${toUiError(load.error).message}` }}
          onAction={() => load.refetch()}
        />
      ) : null}
      {load.error && !fetching && !shown ? <ErrorBar error={toUiError(load.error)} onAction={() => load.refetch()} /> : null}
      {answer.error ? <ErrorBar error={toUiError(answer.error)} onAction={() => answer.refetch()} /> : null}

      <div className={styles.kpis}>
        <Kpi label="Subscriptions" value={answer.data ? formatNumber(sumColumn(answer.data, "count")) : "–"} testId="kpi-subscriptions" />
        <Kpi label="Licences" value={answer.data ? formatNumber(sumColumn(answer.data, "sum_licenseCount")) : "–"} testId="kpi-licences" />
        <Kpi label={`${PERIODS.find((p) => p.id === period)?.label}s with new subscriptions`} value={answer.data?.chart ? formatNumber(answer.data.chart.x.length) : "–"} testId="kpi-periods" />
      </div>

      <Card>
        <CardHeader header={<Text weight="semibold">Subscriptions by type, per {period} of {fieldLabel(dateField).toLowerCase()}</Text>} />
        {answer.data?.chart ? (
          answer.data.chart.x.length ? (
            <TrendChart chart={answer.data.chart} valueLabel="Subscriptions" />
          ) : (
            <div className={styles.empty}>No subscriptions have a {fieldLabel(dateField).toLowerCase()}.</div>
          )
        ) : (
          <Skeleton aria-label="Loading the chart">
            <SkeletonItem style={{ height: 340 }} />
          </Skeleton>
        )}
      </Card>

      <Card>
        <CardHeader header={<Text weight="semibold">Table</Text>} description={answer.data ? `${formatNumber(answer.data.table.rows)} rows` : undefined} />
        {answer.data ? (
          <GroupTable data={answer.data.table} labels={labels} />
        ) : (
          <Skeleton aria-label="Loading the table">
            <SkeletonItem style={{ height: 200 }} />
          </Skeleton>
        )}
      </Card>
    </div>
  );
}
