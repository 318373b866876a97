// A searchable list of checkboxes (the builder's columns and metrics): type to narrow it, tick
// what the report should have. The ticked ones stay in the order they were ticked. A column's
// abbreviation is explained beside it, and revenue says it needs the Executive report viewer
// role before anyone ticks it and wonders why it came back hidden.
import { useState } from "react";
import { Checkbox, SearchBox, Text, makeStyles, tokens } from "@fluentui/react-components";
import { LockClosed12Regular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "6px", minWidth: "240px", flex: 1 },
  list: {
    display: "flex",
    flexDirection: "column",
    maxHeight: "220px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "4px 0",
  },
  muted: { color: tokens.colorNeutralForeground3, padding: "4px 8px" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  revenue: { color: tokens.colorStatusWarningForeground1, fontSize: tokens.fontSizeBase200, whiteSpace: "nowrap" },
});

export interface CheckOption {
  name: string;
  label: string;
  /** What an abbreviation in the name means. */
  hint?: string | null;
  /** Revenue: only people with the Executive report viewer role see it. */
  revenue?: boolean;
}

export function CheckList({
  label,
  options,
  chosen,
  onChange,
  testId,
}: {
  label: string;
  options: CheckOption[];
  chosen: string[];
  onChange: (names: string[]) => void;
  testId: string;
}) {
  const s = useStyles();
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const shown = options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.name.toLowerCase().includes(q));
  return (
    <div className={s.box} data-testid={testId}>
      <Text weight="semibold">
        {label} {chosen.length ? `(${chosen.length} chosen)` : ""}
      </Text>
      <SearchBox size="small" placeholder={`Find a ${label.toLowerCase().replace(/s$/, "")}`} value={search} onChange={(_, d) => setSearch(d.value)} aria-label={`Find in ${label}`} />
      <div className={s.list} role="group" aria-label={label}>
        {shown.map((o) => (
          <Checkbox
            key={o.name}
            label={
              o.hint || o.revenue ? (
                <>
                  {o.label}
                  {o.hint ? <span className={s.hint}> · {o.hint}</span> : null}
                  {o.revenue ? (
                    <span className={s.revenue} data-testid="needs-role">
                      {" "}
                      <LockClosed12Regular /> needs the Executive report viewer role
                    </span>
                  ) : null}
                </>
              ) : (
                o.label
              )
            }
            checked={chosen.includes(o.name)}
            onChange={(_, d) => onChange(d.checked ? [...chosen, o.name] : chosen.filter((c) => c !== o.name))}
            data-testid={`${testId}-${o.name}`}
          />
        ))}
        {shown.length === 0 ? <Text className={s.muted}>Nothing matches “{search}”.</Text> : null}
      </div>
    </div>
  );
}
