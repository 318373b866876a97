import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The steps taken by clicking the chart, as a breadcrumb back to the question before them.
import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from "@fluentui/react-components";
import { chipLabel } from "./chips";
export function DrillTrail({ steps, fields, onBack }) {
    if (!steps.length)
        return null;
    return (_jsxs(Breadcrumb, { "aria-label": "Drill-down", "data-testid": "drill-trail", children: [_jsx(BreadcrumbItem, { children: _jsx(BreadcrumbButton, { onClick: () => onBack(0), "data-testid": "drill-back", children: "All" }) }), steps.map((c, i) => (_jsxs("span", { style: { display: "contents" }, children: [_jsx(BreadcrumbDivider, {}), _jsx(BreadcrumbItem, { children: _jsx(BreadcrumbButton, { current: i === steps.length - 1, onClick: () => onBack(i + 1), children: chipLabel(c, fields) }) })] }, i)))] }));
}
