// The preview of a report's question: at most 100 rows, run on the service, as a table. Columns
// the service hid from this person (revenue, without the Executive report viewer role) say so,
// above the table and in every cell, never 0 or blank.
import { MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { Preview } from "../../backend";
import { formatNumber, previewColumn } from "../../lib/format";

const useStyles = makeStyles({
  wrap: { maxHeight: "320px", overflow: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  muted: { color: tokens.colorNeutralForeground3 },
  head: { position: "sticky", top: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1 },
  // Fluent's table lays columns out at fixed, equal widths: with Microsoft's 30-column reports
  // the cells ran into each other. Each column as wide as its text, the box scrolling sideways.
  table: { tableLayout: "auto", width: "max-content", minWidth: "100%" },
  cell: { whiteSpace: "nowrap" },
  hidden: { whiteSpace: "nowrap", color: tokens.colorNeutralForeground3, fontStyle: "italic" },
});

export function PreviewTable({ preview, labels }: { preview: Preview; labels: Map<string, string> }) {
  const s = useStyles();
  // Formatted column by column: whether dates are months depends on the whole column.
  const shown = useMemo(() => {
    const columns = preview.columns.map((_, j) => previewColumn(preview.rows.map((r) => r[j] ?? "")));
    return preview.rows.map((_, i) => columns.map((c) => c[i]));
  }, [preview]);
  if (preview.rows.length === 0) {
    return <Text className={s.muted}>The question has no rows in this time range. Widen the range or remove a filter.</Text>;
  }
  const hidden = new Set(preview.hiddenColumns);
  const hiddenNames = preview.hiddenColumns.map((c) => labels.get(c) ?? c);
  return (
    <>
      {hiddenNames.length > 0 ? (
        <MessageBar intent="info" data-testid="preview-hidden">
          <MessageBarBody>
            Hidden for you: {hiddenNames.join(", ")}. Partner Center shows revenue only to people with the Executive report viewer role;
            an admin of your organisation can give you that role in Partner Center.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Text className={s.muted} data-testid="preview-count">
        {formatNumber(preview.rows.length)} {preview.rows.length === 1 ? "row" : "rows"} (a preview shows at most 100)
      </Text>
      <div className={s.wrap}>
        <Table size="small" className={s.table} aria-label="Preview" data-testid="preview-table">
          <TableHeader className={s.head}>
            <TableRow>
              {preview.columns.map((c) => (
                <TableHeaderCell key={c} className={s.cell}>
                  {labels.get(c) ?? c}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((r, i) => (
              <TableRow key={i}>
                {r.map((v, j) => (
                  <TableCell key={j} className={hidden.has(preview.columns[j]) ? s.hidden : s.cell}>
                    {v}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
