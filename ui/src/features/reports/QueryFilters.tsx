// The builder's filters: one row per condition, a column, the operators that fit its type, and
// the value. For a text column the values are picked from what the service holds (a preview of
// that column over the chosen time range), not typed; typing stays possible for a value the
// preview did not reach, and is the way when the service could not be asked.
import { Button, Combobox, Dropdown, Input, Option, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { Add16Regular, Dismiss16Regular } from "@fluentui/react-icons";
import { useQuery } from "@tanstack/react-query";
import type { ColumnCard, FilterOp, QueryFilter } from "../../backend";
import { useBackend } from "../../backend/context";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-start", flexWrap: "wrap" },
  value: { minWidth: "240px", flex: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, flexBasis: "100%" },
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

/// The distinct values of one column over the time range, from a preview run on the service
/// (at most 100 rows, so the most common values of a long column).
function useColumnValues(account: string, dataset: string, column: string, range: string | null, enabled: boolean) {
  const b = useBackend();
  return useQuery({
    queryKey: ["columnValues", account, dataset, column, range],
    queryFn: async () => {
      const p = await b.previewReport(account, { dataset, columns: [column], metrics: [], filters: [], orderBy: null, descending: false, limit: null, range });
      const j = p.columns.indexOf(column);
      if (j < 0 || p.hiddenColumns.includes(column)) return [];
      return [...new Set(p.rows.map((r) => r[j] ?? "").filter(Boolean))].sort((a, b) => a.localeCompare(b));
    },
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

interface RowProps {
  account: string;
  dataset: string;
  range: string | null;
  columns: ColumnCard[];
  filter: QueryFilter;
  index: number;
  onChange: (f: QueryFilter) => void;
  onRemove: () => void;
}

function FilterRow({ account, dataset, range, columns, filter: f, index: i, onChange, onRemove }: RowProps) {
  const s = useStyles();
  const kindOf = (name: string) => columns.find((c) => c.name === name)?.kind ?? "text";
  const kind = kindOf(f.column);
  const list = f.op === "in" || f.op === "notIn";
  const pattern = f.op === "like" || f.op === "notLike";
  const picks = kind === "text" && !pattern;
  const values = useColumnValues(account, dataset, f.column, range, picks);
  const known = values.data ?? [];
  let input;
  if (picks && list && known.length > 0) {
    input = (
      <Dropdown
        className={s.value}
        multiselect
        aria-label="Values"
        placeholder="Pick the values"
        selectedOptions={f.values}
        value={f.values.join(", ")}
        onOptionSelect={(_, d) => onChange({ ...f, values: d.selectedOptions })}
        data-testid={`query-filter-${i}-values`}
      >
        {known.map((v) => (
          <Option key={v}>{v}</Option>
        ))}
      </Dropdown>
    );
  } else if (picks && !list) {
    input = (
      <Combobox
        className={s.value}
        freeform
        aria-label="Value"
        placeholder={values.isLoading ? "Reading the values…" : known.length ? "Pick a value" : "Type the value"}
        value={f.values[0] ?? ""}
        selectedOptions={f.values[0] ? [f.values[0]] : []}
        onChange={(e) => onChange({ ...f, values: [e.target.value] })}
        onOptionSelect={(_, d) => onChange({ ...f, values: d.optionValue ? [d.optionValue] : [] })}
        data-testid={`query-filter-${i}-value`}
      >
        {known.map((v) => (
          <Option key={v}>{v}</Option>
        ))}
      </Combobox>
    );
  } else if (list) {
    input = (
      <Textarea
        className={s.value}
        aria-label="Values, one per line"
        placeholder="One value per line"
        value={f.values.join("\n")}
        onChange={(_, d) => onChange({ ...f, values: d.value.split("\n") })}
        data-testid={`query-filter-${i}-values`}
      />
    );
  } else {
    input = (
      <Input
        className={s.value}
        aria-label="Value"
        type={kind === "number" ? "number" : kind === "date" ? "date" : "text"}
        value={f.values[0] ?? ""}
        onChange={(_, d) => onChange({ ...f, values: [d.value] })}
        data-testid={`query-filter-${i}-value`}
      />
    );
  }
  return (
    <div className={s.row} data-testid={`query-filter-${i}`}>
      <Select aria-label="Column" value={f.column} onChange={(_, d) => onChange({ column: d.value, op: opsFor(kindOf(d.value))[0][0], values: [] })} data-testid={`query-filter-${i}-column`}>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.label}
          </option>
        ))}
      </Select>
      <Select aria-label="Condition" value={f.op} onChange={(_, d) => onChange({ ...f, op: d.value as FilterOp })} data-testid={`query-filter-${i}-op`}>
        {opsFor(kind).map(([op, words]) => (
          <option key={op} value={op}>
            {words}
          </option>
        ))}
      </Select>
      {input}
      <Button appearance="subtle" icon={<Dismiss16Regular />} aria-label="Remove this filter" onClick={onRemove} />
      {picks && values.error ? <Text className={s.hint}>Partner Center could not list the values just now: type the value instead.</Text> : null}
    </div>
  );
}

export function QueryFilters({
  account,
  dataset,
  range,
  columns,
  filters,
  onChange,
}: {
  account: string;
  dataset: string;
  range: string | null;
  columns: ColumnCard[];
  filters: QueryFilter[];
  onChange: (f: QueryFilter[]) => void;
}) {
  const s = useStyles();
  return (
    <div className={s.box} data-testid="query-filters">
      <Text weight="semibold">Filters</Text>
      {filters.length === 0 ? <Text className={s.muted}>Every row of the time range. Add a filter to narrow it.</Text> : null}
      {filters.map((f, i) => (
        <FilterRow
          key={i}
          account={account}
          dataset={dataset}
          range={range}
          columns={columns}
          filter={f}
          index={i}
          onChange={(nf) => onChange(filters.map((x, j) => (j === i ? nf : x)))}
          onRemove={() => onChange(filters.filter((_, j) => j !== i))}
        />
      ))}
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
