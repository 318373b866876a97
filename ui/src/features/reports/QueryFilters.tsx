// The builder's filters: one row per condition, a column, the operators that fit its type, and
// the value typed (or a list, one per line, for "is one of").
import { Button, Input, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { Add16Regular, Dismiss16Regular } from "@fluentui/react-icons";
import type { ColumnCard, FilterOp, QueryFilter } from "../../backend";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-start", flexWrap: "wrap" },
  value: { minWidth: "220px", flex: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const TEXT_OPS: [FilterOp, string][] = [
  ["eq", "is"],
  ["ne", "is not"],
  ["in", "is one of"],
  ["notIn", "is none of"],
  ["like", "looks like (% for any text)"],
  ["notLike", "does not look like"],
];
const ORDERED_OPS: [FilterOp, string][] = [
  ["eq", "is"],
  ["ne", "is not"],
  ["gt", "is more than"],
  ["ge", "is at least"],
  ["lt", "is less than"],
  ["le", "is at most"],
  ["in", "is one of"],
];

export function opsFor(kind: ColumnCard["kind"]): [FilterOp, string][] {
  return kind === "text" ? TEXT_OPS : ORDERED_OPS;
}

export function QueryFilters({ columns, filters, onChange }: { columns: ColumnCard[]; filters: QueryFilter[]; onChange: (f: QueryFilter[]) => void }) {
  const s = useStyles();
  const set = (i: number, f: QueryFilter) => onChange(filters.map((x, j) => (j === i ? f : x)));
  const kindOf = (name: string) => columns.find((c) => c.name === name)?.kind ?? "text";
  return (
    <div className={s.box} data-testid="query-filters">
      <Text weight="semibold">Filters</Text>
      {filters.length === 0 ? <Text className={s.muted}>Every row of the time range. Add a filter to narrow it.</Text> : null}
      {filters.map((f, i) => {
        const list = f.op === "in" || f.op === "notIn";
        const kind = kindOf(f.column);
        return (
          <div className={s.row} key={i} data-testid={`query-filter-${i}`}>
            <Select
              aria-label="Column"
              value={f.column}
              onChange={(_, d) => set(i, { column: d.value, op: opsFor(kindOf(d.value))[0][0], values: [] })}
              data-testid={`query-filter-${i}-column`}
            >
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.label}
                </option>
              ))}
            </Select>
            <Select aria-label="Condition" value={f.op} onChange={(_, d) => set(i, { ...f, op: d.value as FilterOp })} data-testid={`query-filter-${i}-op`}>
              {opsFor(kind).map(([op, words]) => (
                <option key={op} value={op}>
                  {words}
                </option>
              ))}
            </Select>
            {list ? (
              <Textarea
                className={s.value}
                aria-label="Values, one per line"
                placeholder="One value per line"
                value={f.values.join("\n")}
                onChange={(_, d) => set(i, { ...f, values: d.value.split("\n") })}
                data-testid={`query-filter-${i}-values`}
              />
            ) : (
              <Input
                className={s.value}
                aria-label="Value"
                type={kind === "number" ? "number" : kind === "date" ? "date" : "text"}
                value={f.values[0] ?? ""}
                onChange={(_, d) => set(i, { ...f, values: [d.value] })}
                data-testid={`query-filter-${i}-value`}
              />
            )}
            <Button appearance="subtle" icon={<Dismiss16Regular />} aria-label="Remove this filter" onClick={() => onChange(filters.filter((_, j) => j !== i))} />
          </div>
        );
      })}
      <div>
        <Button
          size="small"
          icon={<Add16Regular />}
          disabled={columns.length === 0}
          onClick={() => onChange([...filters, { column: columns[0].name, op: opsFor(columns[0].kind)[0][0], values: [] }])}
          data-testid="add-query-filter"
        >
          Add filter
        </Button>
      </div>
    </div>
  );
}
