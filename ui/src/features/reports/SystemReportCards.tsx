// Microsoft's own reports (the Insights system queries), each ready to preview, schedule or run
// once now. A card says what the report holds, which data it reads and whether it needs the
// Executive report viewer role (revenue), so a person picks one without reading its query.
import { Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { CalendarLtr16Regular, Eye16Regular, LockClosed12Regular, Play16Regular } from "@fluentui/react-icons";
import type { SystemReport } from "../../backend";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(320px, 1fr))", gap: "12px" },
  card: { padding: "12px", gap: "6px" },
  muted: { color: tokens.colorNeutralForeground3 },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  badges: { display: "flex", flexDirection: "column", gap: "2px" },
  revenue: {
    display: "flex",
    gap: "4px",
    alignItems: "center",
    color: tokens.colorStatusWarningForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  actions: { display: "flex", gap: "6px", flexWrap: "wrap", marginTop: "auto", paddingTop: "4px" },
});

export type SystemAction = "preview" | "schedule" | "runNow";

export function SystemReportCards({
  reports,
  busy,
  onAct,
}: {
  reports: SystemReport[];
  /** The report being started now ("Run now"), if any. */
  busy: string | null;
  onAct: (r: SystemReport, action: SystemAction) => void;
}) {
  const s = useStyles();
  return (
    <div className={s.grid} data-testid="system-reports">
      {reports.map((r) => (
        <Card key={r.id} className={s.card} data-testid={`system-report-${r.id}`} aria-label={r.title}>
          <Text weight="semibold">{r.title}</Text>
          <Text className={s.muted}>{r.description}</Text>
          <div className={s.badges}>
            <Text className={s.small}>In Partner Center: “{r.name}”</Text>
            {r.revenue ? (
              <Text className={s.revenue} data-testid="system-report-revenue">
                <LockClosed12Regular /> Revenue: needs the Executive report viewer role
              </Text>
            ) : null}
          </div>
          <div className={s.actions}>
            <Button size="small" icon={<Eye16Regular />} onClick={() => onAct(r, "preview")} data-testid="system-report-preview">
              Preview
            </Button>
            <Button size="small" icon={<CalendarLtr16Regular />} onClick={() => onAct(r, "schedule")} data-testid="system-report-schedule">
              Schedule
            </Button>
            <Button size="small" icon={<Play16Regular />} disabled={busy !== null} onClick={() => onAct(r, "runNow")} data-testid="system-report-run">
              {busy === r.id ? "Starting…" : "Run now"}
            </Button>
          </div>
        </Card>
      ))}
    </div>
  );
}
