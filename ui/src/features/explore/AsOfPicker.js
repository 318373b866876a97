import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// "As of": answer the question from the copy of the data kept on an earlier day (each refresh
// keeps one a day), to see how things stood then. Only offered when copies exist.
import { Dropdown, Option, makeStyles } from "@fluentui/react-components";
import { formatDate } from "../../lib/format";
const LATEST = "latest";
const useStyles = makeStyles({ box: { minWidth: "180px" } });
export function AsOfPicker({ days, value, onChange }) {
    const s = useStyles();
    if (!days.length && !value)
        return null;
    const label = (d) => `As of ${formatDate(d)}`;
    return (_jsxs(Dropdown, { className: s.box, "aria-label": "Data as of", size: "small", value: value ? label(value) : "Latest data", selectedOptions: [value ?? LATEST], onOptionSelect: (_, d) => onChange(d.optionValue === LATEST || !d.optionValue ? null : d.optionValue), "data-testid": "as-of", children: [_jsx(Option, { value: LATEST, children: "Latest data" }), days.map((d) => (_jsx(Option, { value: d, text: label(d), children: label(d) }, d)))] }));
}
