// Explore: pick a data set, filter without typing, group by up to two fields and a period, and
// read the answer as a chart and a table; drill into a bar, see the rows behind a group, export
// what is shown, save the question.
import { useMemo, useRef, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Card,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import type { DatasetId, GroupKey, RowsQuery, TableLayout, View } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useCompiledFilters, useDatasetInfo, useExplore, useFileInfo, useSnapshotDays } from "../../backend/queries";
import { ALL_ACCOUNTS } from "../../app/allAccounts";
import { useApp } from "../../app/context";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar, NoteBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { formatDate, today as todayIso } from "../../lib/format";
import { AsOfPicker } from "./AsOfPicker";
import type { ChartHandle } from "./AnswerChart";
import { AnswerTable } from "./AnswerTable";
import { ChartCard } from "./ChartCard";
import { DrillTrail } from "./DrillTrail";
import { ExportMenu } from "./ExportMenu";
import { FilterBar, type FilterBarHandle } from "./FilterBar";
import { FileSource } from "./fileSource";
import { Freshness } from "./Freshness";
import { exportName } from "./chips";
import { GroupingBar } from "./GroupingBar";
import { RowsPanel } from "./RowsPanel";
import { SaveViewButton } from "./SaveViewButton";
import { ScheduleViewButton } from "./ScheduleViewButton";
import { SavedViewsMenu } from "./SavedViewsList";
import { useTable } from "./useTable";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "1500px", margin: "0 auto" },
  controls: { display: "flex", flexDirection: "column", gap: "12px", padding: "14px 16px" },
  freshness: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
  topRow: { display: "flex", alignItems: "flex-start", gap: "12px", flexWrap: "wrap", justifyContent: "space-between" },
  card: { padding: "16px" },
  center: { display: "flex", justifyContent: "center", padding: "40px" },
  muted: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-word" },
});

type Layout = TableLayout & { hidden: string[] };

export function ExploreScreen() {
  const s = useStyles();
  const { route, go, account, dark, info: app } = useApp();
  const b = useBackend();
  const qc = useQueryClient();
  const dataset: DatasetId = route.view?.dataset ?? "subscriptions";
  const all = account?.id === ALL_ACCOUNTS;
  // A downloaded report file opened from Downloads: the same grouping, charts and exports, over
  // the file's columns, nothing fetched.
  const file = route.view?.file ?? null;
  const datasetInfo = useDatasetInfo(dataset, all);
  const fileInfo = useFileInfo(file);
  const info = file ? fileInfo : datasetInfo;
  // "As of" works one account at a time: the copies are kept per account.
  const days = useSnapshotDays(account?.id ?? "", dataset, !!account && !all && !file);
  const view: View | undefined = route.view ?? info.data?.defaultView;
  const today = todayIso();
  const chips = useMemo(() => [...(view?.filters ?? []), ...(view?.drill ?? [])], [view]);
  const compiled = useCompiledFilters(dataset, chips, today, file);
  const serviceFilter = compiled.data?.server ?? null;
  const table = useTable(account?.id ?? null, dataset, serviceFilter, compiled.isSuccess && !file);
  const stamp = file ? 0 : table.stamp;
  const answer = useExplore(account?.id ?? "", view ?? { dataset }, today, view && compiled.isSuccess ? stamp : null);
  const [layout, setLayout] = useState<Layout>({ hidden: [], columns: [], sort: null, search: null });
  const [rows, setRows] = useState<{ group: GroupKey[]; title: string; query: RowsQuery; hidden: string[] } | null>(null);
  const chart = useRef<ChartHandle | null>(null);
  const filterBar = useRef<FilterBarHandle>(null);

  if (!account) {
    return <EmptyState title="No account yet">Try the sample data or add an account to explore.</EmptyState>;
  }
  const setView = (v: View, opts?: { replace?: boolean }) => {
    setRows(null);
    go({ screen: "explore", account: account.id, view: v }, opts);
  };
  const pickDataset = async (d: DatasetId) => {
    const next = await qc.fetchQuery({ queryKey: keys.datasetInfo(d, all), queryFn: () => b.datasetInfo(d, all), staleTime: Infinity });
    setLayout({ hidden: [], columns: [], sort: null, search: null });
    setView(next.defaultView);
  };
  const title = file ? (info.data?.title ?? "Report file") : (app.datasets.find((d) => d.id === dataset)?.title ?? dataset);
  const a = answer.data;
  const period = view?.date?.period ?? null;
  const shownColumns = a ? a.columns.filter((c) => !layout.hidden.includes(c.name)).map((c) => c.name) : [];
  const chartKind = a?.chartKind ?? "table";
  const fileError = file && fileInfo.error ? toUiError(fileInfo.error) : null;
  const error = fileError ?? (compiled.error ? toUiError(compiled.error) : table.error?.code === "cancelled" ? null : (table.error ?? (answer.error ? toUiError(answer.error) : null)));
  const firstMetric = (view?.metrics?.length ? view.metrics : info.data?.defaultMetrics)?.[0];
  const additive = !firstMetric || firstMetric.kind === "count" || firstMetric.kind === "sum";

  return (
    <div className={s.page}>
      <PageHeader
        title="Explore"
        actions={
          view && a ? (
            <>
              <SavedViewsMenu />
              <SaveViewButton view={view} suggested={`${title} by ${view.date?.period ?? "value"}`} />
              {all || file ? null : <ScheduleViewButton account={account.id} view={view} suggested={`${title} by ${view.date?.period ?? "value"}`} />}
              <ExportMenu
                account={account.id}
                view={view}
                today={today}
                answerSource={{ kind: "answer", layout: { columns: shownColumns, sort: layout.sort, search: layout.search, emptyPeriods: !!layout.emptyPeriods } }}
                rowsSource={
                  rows
                    ? { kind: "rows", query: { ...rows.query, group: rows.group }, columns: [] }
                    : null
                }
                rowsTotal={a.rowsMatched}
                chart={chart}
                baseName={exportName(title, chips, today)}
              />
            </>
          ) : null
        }
      />
      {file ? (
        <NoteBar intent="info" text={`Exploring the report file "${title}" from Downloads. Pick a data set to go back to Partner Center data.`} />
      ) : null}
      {file && info.data?.fields.some((f) => f.hidden) ? (
        <NoteBar
          intent="warning"
          text="Revenue in this file is hidden: Partner Center shows it only to people with the Executive report viewer role. Ask your Partner Center admin for it."
          testId="revenue-hidden"
        />
      ) : null}
      <TabList
        selectedValue={file ? null : dataset}
        onTabSelect={(_, d) => void pickDataset(d.value as DatasetId)}
        aria-label="Data set"
        data-testid="datasets"
      >
        {app.datasets.map((d) => (
          <Tab key={d.id} value={d.id} data-testid={`dataset-${d.id}`}>
            {d.title}
          </Tab>
        ))}
      </TabList>
      {fileError ? <ErrorBar error={fileError} /> : null}
      {fileError ? null : !view || !info.data ? (
        <div className={s.center}>
          <Spinner label="Opening…" />
        </div>
      ) : (
        <FileSource.Provider value={file}>
            <Card className={s.controls}>
              <div className={s.topRow}>
              <FilterBar
                ref={filterBar}
                chips={view.filters ?? []}
                filterText={compiled.data?.text ?? null}
                fields={info.data.fields}
                account={account.id}
                dataset={dataset}
                serviceFilter={serviceFilter}
                onChange={(filters) => setView({ ...view, filters, drill: [] })}
              />
              {file ? null : (
                <div className={s.freshness}>
                  <AsOfPicker days={days.data ?? []} value={view.asOf ?? null} onChange={(asOf) => setView({ ...view, asOf })} />
                  <Freshness report={table.report} matched={a?.rowsMatched ?? null} fetching={table.fetching} progress={table.progress} onRefresh={table.refresh} onCancel={table.cancel} />
                </div>
              )}
              </div>
              <DrillTrail steps={view.drill ?? []} fields={info.data.fields} onBack={(keep) => setView({ ...view, drill: (view.drill ?? []).slice(0, keep) })} />
              <GroupingBar info={info.data} view={view} resolvedChart={a?.chartKind} onChange={(v) => setView(v)} />
            </Card>
            {view.asOf ? (
              <NoteBar text={`Showing the data as it was on ${formatDate(view.asOf)}, from the copy kept that day. Choose "Latest data" to see today's.`} />
            ) : null}
            {table.error?.code === "cancelled" ? <NoteBar text="The fetch was stopped. The answer below is from the data you already had." /> : null}
            {table.report?.note ? <NoteBar text={table.report.note} /> : null}
            {table.report && table.report.badRows > 0 ? (
              <NoteBar text={`${table.report.badRows} rows could not be read and are left out: ${table.report.badRowExamples.join("; ")}`} />
            ) : null}
            {error ? (
              <ErrorBar error={error} onRetry={table.refresh} onEditFilter={() => filterBar.current?.focus()} />
            ) : null}
            {!a && !error ? (
              <div className={s.center}>
                <Spinner label={table.fetching ? "Fetching the data…" : "Working it out…"} />
              </div>
            ) : null}
            {a ? (
              <>
                {a.chart && chartKind !== "table" ? (
                  <ChartCard
                    chart={a.chart}
                    kind={chartKind}
                    period={period}
                    metricLabel={a.chartMetric}
                    title={`${a.chartMetric}${view.groupBy?.length ? ` by ${a.columns.filter((c) => c.role === "group").map((c) => c.label.toLowerCase()).join(" and ")}` : ""}${period ? `, per ${period}` : ""}`}
                    additive={additive}
                    dark={dark}
                    handle={chart}
                    onDrill={(p) => void b.drill(view, p).then((v) => setView(v))}
                  />
                ) : null}
                <Card className={s.card}>
                  <AnswerTable
                    answer={a}
                    period={period}
                    layout={layout}
                    onLayout={setLayout}
                    onRows={(group, t) => setRows({ group, title: t, query: {}, hidden: [] })}
                  />
                  <Accordion collapsible>
                    <AccordionItem value="details">
                      <AccordionHeader size="small">Details</AccordionHeader>
                      <AccordionPanel>
                        <Text as="p" className={s.muted} data-testid="answer-source">
                          {a.source.summary}
                        </Text>
                        {a.source.serviceFilter ? (
                          <Text as="p">
                            Filter applied by Partner Center: <span className={s.mono}>{a.source.serviceFilter}</span>
                          </Text>
                        ) : null}
                        {a.source.localFilter ? (
                          <Text as="p">
                            Filter applied on this computer: <span className={s.mono}>{a.source.localFilter}</span>
                          </Text>
                        ) : null}
                      </AccordionPanel>
                    </AccordionItem>
                  </Accordion>
                </Card>
                {rows && stamp !== null ? (
                  <Card className={s.card}>
                    <RowsPanel
                      account={account.id}
                      view={view}
                      query={{ ...rows.query, group: rows.group }}
                      title={rows.title}
                      today={today}
                      stamp={stamp}
                      hidden={rows.hidden}
                      withheld={info.data?.fields.filter((f) => f.hidden).map((f) => f.name) ?? []}
                      onHidden={(hidden) => setRows({ ...rows, hidden })}
                      onQuery={(q) => setRows({ ...rows, query: { search: q.search, sort: q.sort } })}
                      onClose={() => setRows(null)}
                    />
                  </Card>
                ) : null}
              </>
            ) : null}
        </FileSource.Provider>
      )}
    </div>
  );
}
