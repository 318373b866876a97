// A date range in words (last 30 days, last quarter…) or two days picked.
import { Field, Input, Radio, RadioGroup, makeStyles } from "@fluentui/react-components";
import type { DateRange } from "../../backend";
import { today } from "../../lib/format";
import { DATE_PRESETS } from "./chips";

const useStyles = makeStyles({
  custom: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export function DateRangePicker({ range, onChange }: { range: DateRange; onChange: (r: DateRange) => void }) {
  const s = useStyles();
  const t = today();
  const between = range.preset === "between" ? range : null;
  return (
    <>
      <RadioGroup
        aria-label="Period"
        value={range.preset}
        onChange={(_, d) =>
          onChange(
            d.value === "between"
              ? { preset: "between", from: between?.from ?? `${t.slice(0, 8)}01`, to: between?.to ?? t }
              : (DATE_PRESETS.find((p) => p.range.preset === d.value)?.range ?? range),
          )
        }
      >
        {DATE_PRESETS.map((p) => (
          <Radio key={p.range.preset} value={p.range.preset} label={p.label} />
        ))}
        <Radio value="between" label="Between two days" />
      </RadioGroup>
      {between ? (
        <div className={s.custom}>
          <Field label="From">
            <Input type="date" value={between.from} onChange={(_, d) => onChange({ ...between, from: d.value })} />
          </Field>
          <Field label="To">
            <Input type="date" value={between.to} onChange={(_, d) => onChange({ ...between, to: d.value })} />
          </Field>
        </div>
      ) : null}
    </>
  );
}
