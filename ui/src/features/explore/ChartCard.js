import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The chart, with "View as table" for keyboards and screen readers (a chart is not keyboard
// accessible), and the same numbers as a table of periods by series.
import { useState } from "react";
import { Card, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { VirtualTable } from "../../components/VirtualTable";
import { formatNumber } from "../../lib/format";
import { AnswerChart } from "./AnswerChart";
import { seriesLabel, xLabels } from "./chartOption";
const useStyles = makeStyles({
    card: { padding: "16px" },
    head: { display: "flex", alignItems: "center", gap: "12px" },
    title: { flex: 1, fontWeight: tokens.fontWeightSemibold },
    hint: { color: tokens.colorNeutralForeground3 },
});
export function ChartCard({ chart, kind, period, metricLabel, title, additive, dark, onDrill, handle, }) {
    const s = useStyles();
    const [asTable, setAsTable] = useState(false);
    const labels = xLabels(chart, period);
    return (_jsxs(Card, { className: s.card, children: [_jsxs("div", { className: s.head, children: [_jsx(Text, { className: s.title, as: "h2", children: title }), _jsx(Switch, { label: "View as table", checked: asTable, onChange: (_, d) => setAsTable(d.checked), "data-testid": "view-as-table" })] }), asTable ? (_jsx(VirtualTable, { testId: "chart-table", label: `${title}, as a table`, columns: [
                    { id: "x", label: chart.xField ? "Value" : "Period" },
                    ...chart.series.map((sr, i) => ({ id: String(i), label: seriesLabel(chart, sr.name, metricLabel), numeric: true })),
                ], rowCount: chart.x.length, cell: (r, id) => (id === "x" ? labels[r] : formatNumber(chart.series[Number(id)].values[r])), sort: null, onSort: () => { } })) : (_jsxs(_Fragment, { children: [_jsx(AnswerChart, { chart: chart, kind: kind, period: period, metricLabel: metricLabel, additive: additive, dark: dark, onDrill: onDrill, handle: handle }), _jsx(Text, { size: 200, className: s.hint, children: "Click a bar, a point or a name in the legend to look closer." })] }))] }));
}
