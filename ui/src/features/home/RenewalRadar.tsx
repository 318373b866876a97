// The renewal radar: subscriptions whose commitment ends in the next 30, 60 or 90 days with
// auto-renew off, and the recently suspended, by customer; open them in Explore or save them
// for Excel.
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowExportUp20Regular, DataBarVertical20Regular } from "@fluentui/react-icons";
import type { RenewalRow, Renewals, View } from "../../backend";
import { formatDate, formatNumber } from "../../lib/format";

const useStyles = makeStyles({
  counts: { display: "flex", gap: "12px", flexWrap: "wrap", marginBottom: "12px" },
  count: {
    display: "flex",
    flexDirection: "column",
    padding: "8px 14px",
    borderRadius: tokens.borderRadiusMedium,
    background: tokens.colorNeutralBackground3,
    minWidth: "96px",
  },
  big: { fontSize: "22px", lineHeight: "28px", fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  num: { textAlign: "right", width: "110px", "& .fui-TableHeaderCell__button": { justifyContent: "flex-end" } },
  date: { width: "120px" },
  more: { color: tokens.colorNeutralForeground3, display: "block", marginTop: "6px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", marginTop: "12px" },
  section: { display: "block", marginTop: "16px", marginBottom: "4px" },
});

/// Customers listed before "and N more" (Explore and the export have them all).
const SHOWN = 8;

function Rows({ rows, label, testId }: { rows: RenewalRow[]; label: string; testId: string }) {
  const s = useStyles();
  const more = rows.length - SHOWN;
  const ends = testId === "renewals-ending";
  return (
    <>
      <Table size="small" aria-label={label} data-testid={testId}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Customer</TableHeaderCell>
            <TableHeaderCell className={s.num}>Subscriptions</TableHeaderCell>
            <TableHeaderCell className={s.num}>Licences</TableHeaderCell>
            {ends ? <TableHeaderCell className={s.date}>First ends</TableHeaderCell> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.slice(0, SHOWN).map((r) => (
            <TableRow key={r.customer}>
              <TableCell>{r.customer}</TableCell>
              <TableCell className={s.num}>{formatNumber(r.subscriptions)}</TableCell>
              <TableCell className={s.num}>{formatNumber(r.licences)}</TableCell>
              {ends ? <TableCell>{r.firstEnd ? formatDate(r.firstEnd) : "–"}</TableCell> : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {more > 0 ? (
        <Text size={200} className={s.more}>
          and {more === 1 ? "1 more customer" : `${formatNumber(more)} more customers`}
        </Text>
      ) : null}
    </>
  );
}

export function RenewalRadar({
  renewals,
  onOpen,
  onExport,
}: {
  renewals: Renewals;
  onOpen: (v: View) => void;
  onExport: (v: View, name: string) => void;
}) {
  const s = useStyles();
  const r = renewals;
  const windows: [string, number][] = [
    ["in 30 days", r.within30],
    ["in 60 days", r.within60],
    ["in 90 days", r.within90],
  ];
  return (
    <div data-testid="renewal-radar">
      <div className={s.counts}>
        {windows.map(([label, n]) => (
          <div key={label} className={s.count}>
            <span className={s.big}>{formatNumber(n)}</span>
            <Text size={200} className={s.muted}>
              end {label}
            </Text>
          </div>
        ))}
      </div>
      {r.customers.length ? (
        <>
          <Text weight="semibold" as="h3" className={s.section}>
            Ending with auto-renew off, by customer
          </Text>
          <Rows rows={r.customers} label="Subscriptions ending by customer" testId="renewals-ending" />
        </>
      ) : (
        <Text className={s.muted}>No subscription with auto-renew off ends in the next 90 days.</Text>
      )}
      <div className={s.actions}>
        <Button icon={<DataBarVertical20Regular />} onClick={() => onOpen(r.endingView)} disabled={!r.within90}>
          See them in Explore
        </Button>
        <Button icon={<ArrowExportUp20Regular />} onClick={() => onExport(r.endingView, "Renewals")} disabled={!r.within90} data-testid="renewals-export">
          Export to Excel
        </Button>
      </div>
      {r.suspended.length ? (
        <>
          <Text weight="semibold" as="h3" className={s.section}>
            Suspended now, by customer
          </Text>
          <Rows rows={r.suspended} label="Suspended subscriptions by customer" testId="renewals-suspended" />
          <div className={s.actions}>
            <Button icon={<DataBarVertical20Regular />} onClick={() => onOpen(r.suspendedView)}>
              See them in Explore
            </Button>
            <Button icon={<ArrowExportUp20Regular />} onClick={() => onExport(r.suspendedView, "Suspended subscriptions")}>
              Export to Excel
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
