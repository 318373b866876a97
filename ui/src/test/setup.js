import { afterEach, vi } from "vitest";
import { cleanup, configure } from "@testing-library/react";
// "Appears within a second" is too tight on a shared two-core machine; what matters is that it
// appears.
configure({ asyncUtilTimeout: 5_000 });
// Fluent's focus manager logs after teardown unless each test's tree is unmounted.
afterEach(() => cleanup());
// jsdom does no layout, so every element measures 0×0 and a virtualised table would show no
// rows. Give elements a plausible size instead.
Object.defineProperty(HTMLElement.prototype, "offsetHeight", { configurable: true, get: () => 360 });
Object.defineProperty(HTMLElement.prototype, "offsetWidth", { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 360 });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 800 });
HTMLElement.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, bottom: 360, right: 800, width: 800, height: 360, toJSON: () => ({}) };
};
// ECharts draws on a canvas that jsdom does not have; the chart itself is tested in the real
// window. Here it stands for what it is given.
vi.mock("../features/explore/AnswerChart", async () => {
    const { createElement } = await import("react");
    return {
        AnswerChart: ({ chart, metricLabel }) => createElement("div", {
            role: "img",
            "aria-label": `Chart of ${metricLabel}`,
            "data-testid": "answer-chart",
            "data-periods": chart.x.length,
            "data-series": chart.series.length,
        }),
    };
});
// jsdom has no matchMedia, ResizeObserver or scrollTo.
window.matchMedia ??= ((q) => ({
    matches: false,
    media: q,
    addEventListener: () => { },
    removeEventListener: () => { },
    addListener: () => { },
    removeListener: () => { },
    onchange: null,
    dispatchEvent: () => false,
}));
globalThis.ResizeObserver ??= class {
    observe() { }
    unobserve() { }
    disconnect() { }
};
