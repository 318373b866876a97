// The first step of a new report: Microsoft's ready-made reports (its system queries), and the
// Insights data sets to build one's own from, each with what it holds in words and its columns.
// Both come from the account's catalogue as Partner Center published it; the date it was read
// shows, with Refresh, and a plain note when it is the copy kept from before.
import { useState } from "react";
import { Button, Card, CardHeader, MessageBar, MessageBarBody, SearchBox, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise16Regular } from "@fluentui/react-icons";
import type { DatasetCard, SystemReport } from "../../backend";
import { toUiError } from "../../backend";
import { useCatalogue } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";
import { formatStamp } from "../../lib/format";
import { SystemReportCards, type SystemAction } from "./SystemReportCards";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "12px" },
  top: { display: "flex", gap: "12px", alignItems: "center", flexWrap: "wrap" },
  read: { marginLeft: "auto", display: "flex", gap: "8px", alignItems: "center", color: tokens.colorNeutralForeground3 },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))", gap: "12px" },
  card: { padding: "12px", gap: "6px", cursor: "pointer", ":hover": { boxShadow: tokens.shadow8 } },
  muted: { color: tokens.colorNeutralForeground3 },
  columns: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
});

function matches(q: string, ...texts: string[]): boolean {
  return !q || texts.some((t) => t.toLowerCase().includes(q));
}

export function DatasetCatalogue({
  account,
  onPick,
  onSystem,
  runningNow,
  onCancel,
}: {
  account: string;
  onPick: (c: DatasetCard) => void;
  onSystem: (r: SystemReport, action: SystemAction) => void;
  runningNow: string | null;
  onCancel: () => void;
}) {
  const s = useStyles();
  const cat = useCatalogue(account);
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const datasets = (cat.data?.datasets ?? []).filter((c) => matches(q, c.title, c.description, ...c.columns.map((x) => x.label)));
  const reports = (cat.data?.reports ?? []).filter((r) => matches(q, r.title, r.description, r.datasetTitle));
  return (
    <div className={s.box} data-testid="catalogue">
      <div className={s.top}>
        <Button onClick={onCancel}>Back to reports</Button>
        {cat.data ? (
          <div className={s.read}>
            <Text size={200} data-testid="catalogue-read">
              Partner Center's list of data, read {formatStamp(cat.data.readAt)}
            </Text>
            <Button
              size="small"
              icon={cat.refresh.isPending ? <Spinner size="extra-tiny" /> : <ArrowClockwise16Regular />}
              disabled={cat.refresh.isPending}
              onClick={() => cat.refresh.mutate()}
              data-testid="catalogue-refresh"
            >
              Refresh
            </Button>
          </div>
        ) : null}
      </div>
      {cat.data?.stale ? (
        <MessageBar intent="info" data-testid="catalogue-stale">
          <MessageBarBody>{cat.data.stale}</MessageBarBody>
        </MessageBar>
      ) : null}
      {cat.refresh.error ? <ErrorBar error={toUiError(cat.refresh.error)} /> : null}
      <SearchBox placeholder="Find data: seats, revenue, customers…" value={search} onChange={(_, d) => setSearch(d.value)} aria-label="Find a report or data set" />
      {cat.isLoading ? <Spinner label="Asking Partner Center which data it offers…" /> : null}
      {cat.error ? <ErrorBar error={toUiError(cat.error)} onRetry={() => void cat.refetch()} /> : null}
      {reports.length > 0 ? (
        <>
          <Text size={400} weight="semibold" as="h2">
            Start from a report Microsoft made
          </Text>
          <SystemReportCards reports={reports} busy={runningNow} onAct={onSystem} />
        </>
      ) : null}
      {cat.data ? (
        <Text size={400} weight="semibold" as="h2">
          Or build your own from the data
        </Text>
      ) : null}
      <div className={s.grid}>
        {datasets.map((c) => (
          <Card key={c.name} className={s.card} onClick={() => onPick(c)} role="button" aria-label={`${c.title}: ${c.description}`} data-testid={`catalogue-${c.name}`}>
            <CardHeader header={<Text weight="semibold">{c.title}</Text>} />
            <Text className={s.muted}>{c.description}</Text>
            <Text className={s.columns}>
              {c.columns.length} columns: {c.columns.slice(0, 6).map((x) => x.label).join(", ")}
              {c.columns.length > 6 ? "…" : ""}
            </Text>
          </Card>
        ))}
      </div>
      {cat.data && datasets.length === 0 && reports.length === 0 ? <Text className={s.muted}>Nothing matches “{search}”.</Text> : null}
    </div>
  );
}
