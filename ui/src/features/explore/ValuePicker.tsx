// The values a field takes in the data, most frequent first, to tick without typing.
import { useState } from "react";
import { Checkbox, SearchBox, Spinner, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { DatasetId } from "../../backend";
import { useFieldValues } from "../../backend/queries";
import { useFileSource } from "./fileSource";
import { formatNumber } from "../../lib/format";
import { valueLabel } from "./chips";

const useStyles = makeStyles({
  list: {
    maxHeight: "280px",
    overflowY: "auto",
    display: "flex",
    flexDirection: "column",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "4px",
  },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px" },
  count: { color: tokens.colorNeutralForeground3, fontVariantNumeric: "tabular-nums", paddingRight: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function ValuePicker({
  account,
  dataset,
  serviceFilter,
  field,
  fieldLabel,
  selected,
  exclude,
  onChange,
}: {
  account: string;
  dataset: DatasetId;
  serviceFilter: string | null;
  field: string;
  fieldLabel: string;
  selected: (string | null)[];
  exclude: boolean;
  onChange: (values: (string | null)[], exclude: boolean) => void;
}) {
  const s = useStyles();
  const [search, setSearch] = useState("");
  const values = useFieldValues(account, dataset, serviceFilter, field, search, useFileSource());
  const toggle = (v: string | null, on: boolean) =>
    onChange(on ? [...selected, v] : selected.filter((x) => x !== v), exclude);
  const data = values.data;
  return (
    <>
      <SearchBox
        aria-label={`Search the values of ${fieldLabel}`}
        placeholder={`Search ${fieldLabel.toLowerCase()}`}
        value={search}
        onChange={(_, d) => setSearch(d.value)}
        data-testid="value-search"
      />
      <div className={s.list} role="group" aria-label={`Values of ${fieldLabel}`} data-testid="value-list">
        {values.isPending ? <Spinner size="tiny" label="Reading the values…" /> : null}
        {data && data.values.length === 0 ? <Text className={s.muted}>No value matches.</Text> : null}
        {data?.values.map((v) => (
          <div className={s.row} key={v.value ?? "\u0000"}>
            <Checkbox
              label={valueLabel(v.value)}
              checked={selected.includes(v.value)}
              onChange={(_, d) => toggle(v.value, !!d.checked)}
              data-value={v.value ?? ""}
            />
            <span className={s.count}>{formatNumber(v.count)}</span>
          </div>
        ))}
      </div>
      {data && data.distinct > data.values.length ? (
        <Text size={200} className={s.muted}>
          Showing the {formatNumber(data.values.length)} most frequent of {formatNumber(data.distinct)} values; search
          to find others.
        </Text>
      ) : null}
      <Switch
        label="Leave these out instead"
        checked={exclude}
        onChange={(_, d) => onChange(selected, d.checked)}
      />
    </>
  );
}
