// Filter chips in words: "Meter category is Storage or Compute", "Usage date: last 30 days".
import type { DateRange, FieldInfo, FilterChip } from "../../backend";
import { formatDate } from "../../lib/format";

export const DATE_PRESETS: { range: DateRange; label: string }[] = [
  { range: { preset: "last7Days" }, label: "Last 7 days" },
  { range: { preset: "last30Days" }, label: "Last 30 days" },
  { range: { preset: "last90Days" }, label: "Last 90 days" },
  { range: { preset: "thisMonth" }, label: "This month" },
  { range: { preset: "lastMonth" }, label: "Last month" },
  { range: { preset: "thisQuarter" }, label: "This quarter" },
  { range: { preset: "lastQuarter" }, label: "Last quarter" },
  { range: { preset: "thisYear" }, label: "This year" },
];

export function rangeLabel(r: DateRange): string {
  if (r.preset === "between") return `${formatDate(r.from)} to ${formatDate(r.to)}`;
  return DATE_PRESETS.find((p) => p.range.preset === r.preset)?.label ?? r.preset;
}

export function valueLabel(v: string | null): string {
  return v === null ? "(empty)" : v;
}

function list(values: (string | null)[]): string {
  const shown = values.slice(0, 3).map(valueLabel);
  const more = values.length > 3 ? ` and ${values.length - 3} more` : "";
  return shown.join(" or ") + more;
}

export function fieldLabel(fields: FieldInfo[], name: string): string {
  return fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.label ?? name;
}

export function chipLabel(chip: FilterChip, fields: FieldInfo[]): string {
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

/// A file name that says what the file holds: "Azure usage - Storage - westeurope - Aug 24, 2026
/// to Aug 30, 2026", from the data set and the values its filters and drill keep (never a
/// character a file name cannot hold; at most about 120 characters).
export function exportName(title: string, chips: FilterChip[], fallback: string): string {
  const parts = chips.flatMap((c) => {
    switch (c.kind) {
      case "values":
        return c.exclude || c.values.length > 3 ? [] : [c.values.map(valueLabel).join(" or ")];
      case "dates":
        return [rangeLabel(c.range)];
      case "contains":
        return [c.text];
      default:
        return [];
    }
  });
  const name = [title, ...(parts.length ? parts : [fallback])]
    .map((p) => p.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "-").trim())
    .filter(Boolean)
    .join(" - ");
  return name.length > 120 ? `${name.slice(0, 119).trimEnd()}…` : name;
}
