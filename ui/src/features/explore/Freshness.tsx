// How fresh the data is: "Updated 5 minutes ago" (as of when), with Refresh; while fetching, the
// rows so far and a Cancel that stops the fetch.
import { useEffect, useState } from "react";
import { Button, ProgressBar, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, Dismiss20Regular } from "@fluentui/react-icons";
import type { FetchReport, LoadProgress } from "../../backend";
import { LOCALE, ago, formatNumber } from "../../lib/format";

const asOf = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap", minHeight: "32px" },
  muted: { color: tokens.colorNeutralForeground3 },
  progress: { flex: 1, minWidth: "200px", maxWidth: "420px" },
});

/// Re-renders every half minute so "5 minutes ago" stays true.
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function Freshness({
  report,
  fetching,
  progress,
  onRefresh,
  onCancel,
  matched = null,
}: {
  report: FetchReport | null;
  /** Rows that pass the filters and the drill, once the answer is known. */
  matched?: number | null;
  fetching: boolean;
  progress: LoadProgress | null;
  onRefresh: () => void;
  onCancel: () => void;
}) {
  const s = useStyles();
  const now = useNow();
  if (fetching) {
    const total = progress?.total ?? null;
    return (
      <div className={s.row} data-testid="fetching" role="status">
        <Text>
          Fetching from Partner Center: {formatNumber(progress?.rows ?? 0)}
          {total !== null ? ` of ${formatNumber(total)}` : ""} rows
        </Text>
        <ProgressBar className={s.progress} value={total ? (progress?.rows ?? 0) / Math.max(total, 1) : undefined} />
        <Button icon={<Dismiss20Regular />} onClick={onCancel} data-testid="cancel-fetch">
          Cancel
        </Button>
      </div>
    );
  }
  if (!report) return null;
  const when = asOf.format(new Date(report.fetchedAt * 1000));
  return (
    <div className={s.row} data-testid="freshness">
      <Tooltip
        content={report.fromCache ? "The copy saved on this computer: it shows at once, and offline" : "Fetched from Partner Center"}
        relationship="description"
      >
        <Text className={s.muted}>
          Updated {ago(report.fetchedAt, now)} (as of {when}) ·{" "}
          <span data-testid="rows-matched">
            {matched !== null && matched !== report.rows
              ? `${formatNumber(matched)} of ${formatNumber(report.rows)} rows match`
              : `${formatNumber(report.rows)} ${report.rows === 1 ? "row" : "rows"}`}
          </span>
        </Text>
      </Tooltip>
      <Button appearance="subtle" size="small" icon={<ArrowClockwise20Regular />} onClick={onRefresh} data-testid="refresh">
        Refresh
      </Button>
    </div>
  );
}
