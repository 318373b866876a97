// The rows behind the answer (or one group of it), a page at a time from the app: a hundred
// thousand rows scroll smoothly; sort and search run on the whole table, not the page.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, SearchBox, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { useQueries } from "@tanstack/react-query";
import type { Period, RowsPage, RowsQuery, Sort, View } from "../../backend";
import { useBackend } from "../../backend/context";
import { ROWS_PAGE, keys } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";
import { VirtualTable } from "../../components/VirtualTable";
import { formatNumber } from "../../lib/format";
import { cellText } from "./cells";
import { ColumnChooser } from "./ColumnChooser";

const useStyles = makeStyles({
  head: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap", marginBottom: "8px" },
  // A long group name (a customer's) is cut with an ellipsis on one line; the whole name is in
  // the tooltip.
  title: { flex: 1, minWidth: "200px", overflow: "hidden" },
  heading: { display: "block", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function RowsPanel({
  account,
  view,
  query,
  title,
  today,
  stamp,
  hidden,
  withheld,
  onQuery,
  onHidden,
  onClose,
}: {
  account: string;
  view: View;
  query: RowsQuery;
  title: string;
  today: string;
  stamp: number;
  hidden: string[];
  /// Columns the service withheld from this person (revenue): "Hidden", not empty.
  withheld: string[];
  onQuery: (q: RowsQuery) => void;
  onHidden: (h: string[]) => void;
  onClose: () => void;
}) {
  const s = useStyles();
  const b = useBackend();
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const [search, setSearch] = useState(query.search ?? "");
  // Search as the person types, once they pause.
  useEffect(() => {
    const t = setTimeout(() => {
      if ((query.search ?? "") !== search) onQuery({ ...query, search: search || null });
    }, 300);
    return () => clearTimeout(t);
  }, [search, query, onQuery]);
  const pages = useMemo(() => {
    const first = Math.floor(range[0] / ROWS_PAGE);
    const last = Math.floor(range[1] / ROWS_PAGE);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }, [range]);
  const results = useQueries({
    queries: [0, ...pages.filter((p) => p !== 0)].map((page) => ({
      queryKey: keys.rows(account, view, query, today, stamp, page),
      queryFn: () => b.rows(account, view, query, today, page * ROWS_PAGE, ROWS_PAGE),
      staleTime: Infinity,
    })),
  });
  // Each page with its columns by name, so a cell is two lookups (this runs per cell per frame).
  const byPage = new Map<number, { page: RowsPage; at: Map<string, number> }>();
  results.forEach(
    (r) =>
      r.data &&
      byPage.set(r.data.offset / ROWS_PAGE, { page: r.data, at: new Map(r.data.columns.map((c, i) => [c.name, i])) }),
  );
  const first = results[0];
  const onRange = useCallback((a: number, z: number) => setRange((r) => (r[0] === a && r[1] === z ? r : [a, z])), []);
  const period: Period | null = view.date?.period ?? null;
  const cols = first.data?.columns ?? [];
  return (
    <section aria-label="Rows" data-testid="rows-panel">
      <div className={s.head}>
        <div className={s.title}>
          <Subtitle2 as="h2" className={s.heading} title={`Rows: ${title}`}>
            Rows: {title}
          </Subtitle2>
          <Text className={s.muted} data-testid="rows-count">
            {first.data ? ` ${formatNumber(first.data.total)} ${first.data.total === 1 ? "row" : "rows"}` : ""}
          </Text>
        </div>
        <SearchBox aria-label="Search the rows" placeholder="Search the rows" value={search} onChange={(_, d) => setSearch(d.value)} />
        <ColumnChooser columns={cols.map((c) => ({ id: c.name, label: c.label }))} hidden={hidden} onChange={onHidden} />
        <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={onClose}>
          Close
        </Button>
      </div>
      {first.error ? <ErrorBar error={first.error as never} onRetry={() => first.refetch()} /> : null}
      {first.isPending ? <Spinner label="Reading the rows…" /> : null}
      {first.data ? (
        <VirtualTable
          testId="rows-table"
          label={`Rows of ${title}`}
          height={460}
          columns={cols.filter((c) => !hidden.includes(c.name)).map((c) => ({ id: c.name, label: c.label, numeric: c.kind === "number" }))}
          rowCount={first.data.total}
          onRange={onRange}
          cell={(r, id) => {
            const p = byPage.get(Math.floor(r / ROWS_PAGE));
            if (!p) return null;
            const ci = p.at.get(id) ?? 0;
            if (withheld.includes(id)) return "Hidden";
            return cellText(p.page.page.columns[ci].values[r - p.page.offset] ?? null, p.page.columns[ci], period);
          }}
          sort={query.sort ? { by: query.sort.by, descending: query.sort.descending } : null}
          onSort={(sort) => onQuery({ ...query, sort: sort as Sort | null })}
        />
      ) : null}
    </section>
  );
}
