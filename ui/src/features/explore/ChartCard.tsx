// The chart, with "View as table" for keyboards and screen readers (a chart is not keyboard
// accessible), and the same numbers as a table of periods by series.
import { useState } from "react";
import { Card, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Chart, ChartKind, DrillPoint, Period } from "../../backend";
import { VirtualTable } from "../../components/VirtualTable";
import { formatNumber } from "../../lib/format";
import { AnswerChart, type ChartHandle } from "./AnswerChart";
import { seriesLabel, xLabels } from "./chartOption";

const useStyles = makeStyles({
  card: { padding: "16px" },
  head: { display: "flex", alignItems: "center", gap: "12px" },
  title: { flex: 1, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function ChartCard({
  chart,
  kind,
  period,
  metricLabel,
  title,
  additive,
  dark,
  onDrill,
  handle,
}: {
  chart: Chart;
  kind: ChartKind;
  period: Period | null;
  metricLabel: string;
  title: string;
  additive: boolean;
  dark: boolean;
  onDrill: (p: DrillPoint) => void;
  handle: React.MutableRefObject<ChartHandle | null>;
}) {
  const s = useStyles();
  const [asTable, setAsTable] = useState(false);
  const labels = xLabels(chart, period);
  return (
    <Card className={s.card}>
      <div className={s.head}>
        <Text className={s.title} as="h2">
          {title}
        </Text>
        <Switch label="View as table" checked={asTable} onChange={(_, d) => setAsTable(d.checked)} data-testid="view-as-table" />
      </div>
      {asTable ? (
        <VirtualTable
          testId="chart-table"
          label={`${title}, as a table`}
          columns={[
            { id: "x", label: chart.xField ? "Value" : "Period" },
            ...chart.series.map((sr, i) => ({ id: String(i), label: seriesLabel(chart, sr.name, metricLabel), numeric: true })),
          ]}
          rowCount={chart.x.length}
          cell={(r, id) => (id === "x" ? labels[r] : formatNumber(chart.series[Number(id)].values[r]))}
          sort={null}
          onSort={() => {}}
        />
      ) : (
        <>
          <AnswerChart
            chart={chart}
            kind={kind}
            period={period}
            metricLabel={metricLabel}
            additive={additive}
            dark={dark}
            onDrill={onDrill}
            handle={handle}
          />
          <Text size={200} className={s.hint}>
            Click a bar, a point or a name in the legend to look closer.
          </Text>
        </>
      )}
    </Card>
  );
}
