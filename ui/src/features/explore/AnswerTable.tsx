// The answer as a table: sortable, searchable, columns to choose, a row count, and "See the
// rows" behind any group. What it shows (columns, order, sort, search) is what an export writes.
import { useMemo } from "react";
import { Button, SearchBox, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { TableSearch20Regular } from "@fluentui/react-icons";
import type { ExploreAnswer, GroupKey, Period, TableLayout } from "../../backend";
import { VirtualTable } from "../../components/VirtualTable";
import { formatNumber } from "../../lib/format";
import { cellText, sortKey } from "./cells";
import { ColumnChooser } from "./ColumnChooser";

const useStyles = makeStyles({
  tools: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap", marginBottom: "8px" },
  count: { color: tokens.colorNeutralForeground3, flex: 1 },
});

export function AnswerTable({
  answer,
  period,
  layout,
  onLayout,
  onRows,
}: {
  answer: ExploreAnswer;
  period: Period | null;
  layout: TableLayout & { hidden: string[] };
  onLayout: (l: TableLayout & { hidden: string[] }) => void;
  onRows: (group: GroupKey[], label: string) => void;
}) {
  const s = useStyles();
  const cols = answer.columns;
  const shownCols = cols.filter((c) => !layout.hidden.includes(c.name));
  const index = (name: string) => cols.findIndex((c) => c.name === name);
  const periodCol = cols.find((c) => c.role === "period");
  const metricIdx = cols.map((c, i) => (c.role === "metric" ? i : -1)).filter((i) => i >= 0);
  // A period with nothing in it (every metric empty or 0): drawn in the chart, where a gap would
  // mislead, but listed here only when asked.
  const isEmpty = (row: number) =>
    metricIdx.length > 0 && metricIdx.every((ci) => {
      const v = answer.table.columns[ci].values[row];
      return v === null || v === 0;
    });
  const emptyCount = useMemo(
    () => (periodCol ? Array.from({ length: answer.table.rows }, (_, i) => i).filter(isEmpty).length : 0),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [answer],
  );
  // Newest period first, as a person reads a report, unless they sort otherwise.
  const sort = layout.sort ?? (periodCol ? { by: periodCol.name, descending: true } : null);
  const rows = useMemo(() => {
    let r = Array.from({ length: answer.table.rows }, (_, i) => i);
    if (periodCol && !layout.emptyPeriods) r = r.filter((i) => !isEmpty(i));
    const needle = layout.search?.trim().toLowerCase();
    if (needle) {
      r = r.filter((i) =>
        cols.some((_, ci) => {
          const v = answer.table.columns[ci].values[i];
          return typeof v === "string" && v.toLowerCase().includes(needle);
        }),
      );
    }
    if (sort) {
      const ci = index(sort.by);
      if (ci >= 0) {
        const vals = answer.table.columns[ci].values;
        r = [...r].sort((a, b) => {
          const x = sortKey(vals[a]);
          const y = sortKey(vals[b]);
          const c = x < y ? -1 : x > y ? 1 : 0;
          return sort.descending ? -c : c;
        });
      }
    }
    return r;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer, layout.search, layout.sort, layout.emptyPeriods]);
  const groupCols = cols.filter((c) => c.role === "group" || c.role === "period");
  // The lines the search narrows: those listed before it (empty periods left out unless asked).
  const listed = periodCol && !layout.emptyPeriods ? answer.table.rows - emptyCount : answer.table.rows;
  const groupOf = (row: number): GroupKey[] =>
    groupCols.map((c) => {
      const v = answer.table.columns[index(c.name)].values[row];
      return { field: c.name, value: v === null ? null : String(v).slice(0, c.role === "period" ? 10 : undefined) };
    });
  const groupLabel = (row: number) =>
    groupCols.map((c) => cellText(answer.table.columns[index(c.name)].values[row], c, period)).join(" · ");
  return (
    <div>
      <div className={s.tools}>
        <Text className={s.count} data-testid="answer-count">
          {countWords(rows.length, listed, groupCols.map((c) => (c.role === "period" && period ? period : c.label.toLowerCase())))}
        </Text>
        {emptyCount > 0 ? (
          <Switch
            label={`Show ${formatNumber(emptyCount)} empty ${emptyCount === 1 ? "line" : "lines"}`}
            checked={!!layout.emptyPeriods}
            onChange={(_, d) => onLayout({ ...layout, emptyPeriods: d.checked })}
            data-testid="empty-periods"
          />
        ) : null}
        <SearchBox
          aria-label="Search the table"
          placeholder="Search the table"
          value={layout.search ?? ""}
          onChange={(_, d) => onLayout({ ...layout, search: d.value })}
        />
        <ColumnChooser
          columns={cols.map((c) => ({ id: c.name, label: c.label }))}
          hidden={layout.hidden}
          onChange={(hidden) => onLayout({ ...layout, hidden, columns: cols.filter((c) => !hidden.includes(c.name)).map((c) => c.name) })}
        />
      </div>
      <VirtualTable
        testId="answer-table"
        label="The answer as a table"
        columns={shownCols.map((c) => ({ id: c.name, label: c.label, numeric: c.kind === "number" }))}
        rowCount={rows.length}
        cell={(r, id) => {
          const ci = index(id);
          return cellText(answer.table.columns[ci].values[rows[r]], cols[ci], period);
        }}
        sort={sort ? { by: sort.by, descending: sort.descending } : null}
        onSort={(sort) => onLayout({ ...layout, sort })}
        rowAction={
          groupCols.length
            ? (r) => (
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<TableSearch20Regular />}
                  onClick={() => onRows(groupOf(rows[r]), groupLabel(rows[r]))}
                  aria-label={`See the rows of ${groupLabel(rows[r])}`}
                  data-testid="see-rows"
                >
                  See the rows
                </Button>
              )
            : undefined
        }
      />
    </div>
  );
}

/// What the count counts: "96 lines, one per month and subscription type", "12 of 96 lines …"
/// when a search narrows them, "600 rows" for rows not grouped.
export function countWords(shown: number, all: number, per: string[]): string {
  const n = shown === all ? formatNumber(all) : `${formatNumber(shown)} of ${formatNumber(all)}`;
  if (per.length === 0) return `${n} ${all === 1 ? "row" : "rows"}`;
  return `${n} ${all === 1 ? "line" : "lines"}, one per ${per.join(" and ")}`;
}
