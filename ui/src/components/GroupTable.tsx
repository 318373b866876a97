import { useMemo, useRef, useState } from "react";
import {
  type ColumnDef,
  type SortingState,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { makeStyles, tokens } from "@fluentui/react-components";
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from "@fluentui/react-icons";
import type { Aggregate, Cell } from "../backend";
import { formatNumber } from "../lib/format";

const ROW_HEIGHT = 34;

const useStyles = makeStyles({
  scroller: {
    height: "360px",
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase300 },
  th: {
    position: "sticky",
    top: 0,
    background: tokens.colorNeutralBackground3,
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    padding: "8px 12px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    cursor: "pointer",
    userSelect: "none",
    whiteSpace: "nowrap",
    zIndex: 1,
  },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  td: {
    padding: "0 12px",
    height: `${ROW_HEIGHT}px`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    whiteSpace: "nowrap",
  },
  sortIcon: { verticalAlign: "middle", marginLeft: "4px" },
});

export interface ColumnLabel {
  label: string;
  /// Formats a cell of this column; the default writes numbers with separators.
  format?: (c: Cell) => string;
}

function cellText(c: Cell): string {
  if (c === null) return "–";
  if (typeof c === "number") return formatNumber(c);
  if (typeof c === "boolean") return c ? "Yes" : "No";
  return c;
}

function sortValue(c: Cell): string | number {
  if (c === null) return -Infinity;
  if (typeof c === "boolean") return c ? 1 : 0;
  return c;
}

// A grouped answer as a sortable table; only the rows in view are in the page, so it stays
// quick for thousands of groups.
export function GroupTable({ data, labels }: { data: Aggregate; labels: Record<string, ColumnLabel> }) {
  const styles = useStyles();
  const [sorting, setSorting] = useState<SortingState>([]);
  const rows = useMemo(() => Array.from({ length: data.rows }, (_, i) => i), [data]);
  const columns = useMemo<ColumnDef<number>[]>(
    () =>
      data.columns.map((col, ci) => ({
        id: col.name,
        header: labels[col.name]?.label ?? col.name,
        accessorFn: (row: number) => sortValue(data.columns[ci].values[row]),
        cell: (ctx) => (labels[col.name]?.format ?? cellText)(data.columns[ci].values[ctx.row.original]),
        meta: { numeric: col.kind === "number" },
      })),
    [data, labels],
  );
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const scroller = useRef<HTMLDivElement>(null);
  const model = table.getRowModel().rows;
  const virtual = useVirtualizer({
    count: model.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 360 },
  });
  const items = virtual.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtual.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div ref={scroller} className={styles.scroller} data-testid="group-table" data-rows={data.rows}>
      <table className={styles.table}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                const sorted = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    className={`${styles.th} ${numeric ? styles.num : ""}`}
                    onClick={h.column.getToggleSortingHandler()}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    {sorted === "asc" ? <ArrowSortUp16Regular className={styles.sortIcon} /> : null}
                    {sorted === "desc" ? <ArrowSortDown16Regular className={styles.sortIcon} /> : null}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 ? <tr style={{ height: padTop }} aria-hidden /> : null}
          {items.map((vi) => {
            const row = model[vi.index];
            return (
              <tr key={row.id} data-index={vi.index}>
                {row.getVisibleCells().map((c) => {
                  const numeric = (c.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <td key={c.id} className={`${styles.td} ${numeric ? styles.num : ""}`}>
                      {flexRender(c.column.columnDef.cell, c.getContext())}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 ? <tr style={{ height: padBottom }} aria-hidden /> : null}
        </tbody>
      </table>
    </div>
  );
}
