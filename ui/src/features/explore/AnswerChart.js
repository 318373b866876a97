import { jsx as _jsx } from "react/jsx-runtime";
// The answer's chart. A click on a bar, a point or a legend item narrows the question to it.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, } from "echarts/components";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { chartOption } from "./chartOption";
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, AriaComponent, CanvasRenderer, SVGRenderer]);
export function AnswerChart({ chart, kind, period, metricLabel, additive, dark, onDrill, handle }) {
    const host = useRef(null);
    const instance = useRef(null);
    const drill = useRef(onDrill);
    drill.current = onDrill;
    const data = useRef(chart);
    data.current = chart;
    // Set when new data is handed to the chart; the first frame drawn after it is stamped on the
    // element (`data-drawn-at`, from performance.now()), which the window benchmark reads.
    const pending = useRef(false);
    useEffect(() => {
        if (!host.current)
            return;
        const el = host.current;
        const inst = echarts.init(el, dark ? "dark" : undefined);
        instance.current = inst;
        inst.on("click", (e) => {
            const p = e;
            const c = data.current;
            const s = p.seriesIndex !== undefined ? c.series[p.seriesIndex] : undefined;
            if (p.dataIndex === undefined || !s)
                return;
            drill.current({ x: c.x[p.dataIndex], series: s.keys });
        });
        // A legend item narrows to its series (instead of hiding it).
        inst.on("legendselectchanged", (e) => {
            const p = e;
            inst.dispatchAction({ type: "legendAllSelect" });
            const s = data.current.series.find((x) => x.name === p.name);
            if (s && data.current.seriesFields.length)
                drill.current({ x: null, series: s.keys });
        });
        inst.on("rendered", () => {
            if (pending.current) {
                pending.current = false;
                el.dataset.drawnAt = String(performance.now());
            }
        });
        // Where the first series' marks are, for the window test to click a real one.
        inst.on("finished", () => {
            const c = data.current;
            if (!c.series.length)
                return;
            const pts = c.series[0].values.map((v, i) => {
                const p = inst.convertToPixel({ seriesIndex: 0 }, [i, v ?? 0]);
                return p ? [Math.round(p[0]), Math.round(p[1])] : null;
            });
            el.dataset.points = JSON.stringify(pts);
            el.dataset.pointsSeries = c.series[0].name;
            el.dataset.pointsCount = String(pts.length);
            el.dataset.width = String(el.clientWidth);
            el.dataset.height = String(el.clientHeight);
        });
        const ro = new ResizeObserver(() => inst.resize());
        ro.observe(el);
        return () => {
            ro.disconnect();
            inst.dispose();
            instance.current = null;
        };
    }, [dark]);
    useEffect(() => {
        pending.current = true;
        instance.current?.setOption(chartOption(chart, kind, period, metricLabel, additive), { notMerge: true });
    }, [chart, kind, period, metricLabel, additive, dark]);
    useEffect(() => {
        if (!handle)
            return;
        handle.current = {
            png: () => instance.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: dark ? "#1f1f1f" : "#ffffff" }) ?? null,
            svg: () => {
                // Drawn again off screen with the SVG renderer, at the size shown.
                const el = host.current;
                if (!el)
                    return null;
                const off = echarts.init(null, dark ? "dark" : undefined, {
                    renderer: "svg",
                    ssr: true,
                    width: el.clientWidth || 900,
                    height: el.clientHeight || 360,
                });
                off.setOption({ ...chartOption(chart, kind, period, metricLabel, additive), animation: false, dataZoom: [] });
                const svg = off.renderToSVGString();
                off.dispose();
                return svg;
            },
        };
    }, [handle, chart, kind, period, metricLabel, additive, dark]);
    return (_jsx("div", { ref: host, role: "img", "aria-label": `Chart of ${metricLabel}, ${chart.x.length} ${chart.xField ? "values" : "periods"}, ${chart.series.length} series. The same numbers are in the table.`, "data-testid": "answer-chart", "data-periods": chart.x.length, "data-series": chart.series.length, "data-first-x": chart.x[0] ?? "", style: { width: "100%", height: 360 } }));
}
