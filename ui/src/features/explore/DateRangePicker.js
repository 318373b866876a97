import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// A date range in words (last 30 days, last quarter…) or two days picked.
import { Field, Input, Radio, RadioGroup, makeStyles } from "@fluentui/react-components";
import { today } from "../../lib/format";
import { DATE_PRESETS } from "./chips";
const useStyles = makeStyles({
    custom: { display: "flex", gap: "8px", flexWrap: "wrap" },
});
export function DateRangePicker({ range, onChange }) {
    const s = useStyles();
    const t = today();
    const between = range.preset === "between" ? range : null;
    return (_jsxs(_Fragment, { children: [_jsxs(RadioGroup, { "aria-label": "Period", value: range.preset, onChange: (_, d) => onChange(d.value === "between"
                    ? { preset: "between", from: between?.from ?? `${t.slice(0, 8)}01`, to: between?.to ?? t }
                    : (DATE_PRESETS.find((p) => p.range.preset === d.value)?.range ?? range)), children: [DATE_PRESETS.map((p) => (_jsx(Radio, { value: p.range.preset, label: p.label }, p.range.preset))), _jsx(Radio, { value: "between", label: "Between two days" })] }), between ? (_jsxs("div", { className: s.custom, children: [_jsx(Field, { label: "From", children: _jsx(Input, { type: "date", value: between.from, onChange: (_, d) => onChange({ ...between, from: d.value }) }) }), _jsx(Field, { label: "To", children: _jsx(Input, { type: "date", value: between.to, onChange: (_, d) => onChange({ ...between, to: d.value }) }) })] })) : null] }));
}
