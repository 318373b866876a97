import { formatDate } from "../../lib/format";
export const DATE_PRESETS = [
    { range: { preset: "last7Days" }, label: "Last 7 days" },
    { range: { preset: "last30Days" }, label: "Last 30 days" },
    { range: { preset: "last90Days" }, label: "Last 90 days" },
    { range: { preset: "thisMonth" }, label: "This month" },
    { range: { preset: "lastMonth" }, label: "Last month" },
    { range: { preset: "thisQuarter" }, label: "This quarter" },
    { range: { preset: "lastQuarter" }, label: "Last quarter" },
    { range: { preset: "thisYear" }, label: "This year" },
];
export function rangeLabel(r) {
    if (r.preset === "between")
        return `${formatDate(r.from)} to ${formatDate(r.to)}`;
    return DATE_PRESETS.find((p) => p.range.preset === r.preset)?.label ?? r.preset;
}
export function valueLabel(v) {
    return v === null ? "(empty)" : v;
}
function list(values) {
    const shown = values.slice(0, 3).map(valueLabel);
    const more = values.length > 3 ? ` and ${values.length - 3} more` : "";
    return shown.join(" or ") + more;
}
export function fieldLabel(fields, name) {
    return fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.label ?? name;
}
export function chipLabel(chip, fields) {
    switch (chip.kind) {
        case "values":
            return `${fieldLabel(fields, chip.field)} ${chip.exclude ? "is not" : "is"} ${list(chip.values)}`;
        case "dates":
            return `${fieldLabel(fields, chip.field)}: ${rangeLabel(chip.range)}`;
        case "flag":
            return `${fieldLabel(fields, chip.field)}: ${chip.value ? "yes" : "no"}`;
        case "contains":
            return `${fieldLabel(fields, chip.field)} contains "${chip.text}"`;
        case "text":
            return `Filter: ${chip.text}`;
    }
}
