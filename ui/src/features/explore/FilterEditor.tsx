// Adding or changing one filter: pick a field, then its values, a date range or yes/no.
import { useState } from "react";
import {
  Button,
  Menu,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Popover,
  PopoverSurface,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import type { DatasetId, FieldInfo, FilterChip } from "../../backend";
import { DateRangePicker } from "./DateRangePicker";
import { ValuePicker } from "./ValuePicker";

const useStyles = makeStyles({
  surface: { width: "360px", display: "flex", flexDirection: "column", gap: "10px" },
  actions: { display: "flex", justifyContent: "flex-end", gap: "8px" },
  title: { fontWeight: tokens.fontWeightSemibold },
  menu: { maxHeight: "60vh", overflowY: "auto" },
});

/// A new chip for a field, before anything is picked.
function blank(f: FieldInfo): FilterChip {
  if (f.filter === "dates") return { kind: "dates", field: f.name, range: { preset: "last30Days" } };
  if (f.filter === "flag") return { kind: "flag", field: f.name, value: true };
  return { kind: "values", field: f.name, values: [], exclude: false };
}

function ready(c: FilterChip): boolean {
  return c.kind !== "values" || c.values.length > 0;
}

export function ChipEditor({
  chip,
  fields,
  account,
  dataset,
  serviceFilter,
  onApply,
  onCancel,
}: {
  chip: FilterChip;
  fields: FieldInfo[];
  account: string;
  dataset: DatasetId;
  serviceFilter: string | null;
  onApply: (c: FilterChip) => void;
  onCancel: () => void;
}) {
  const s = useStyles();
  const [draft, setDraft] = useState<FilterChip>(chip);
  const field = draft.kind === "text" ? null : fields.find((f) => f.name === draft.field);
  const label = field?.label ?? "Filter";
  return (
    <div className={s.surface} data-testid="filter-editor">
      <Text className={s.title}>{label}</Text>
      {draft.kind === "values" && field ? (
        <ValuePicker
          account={account}
          dataset={dataset}
          serviceFilter={serviceFilter}
          field={field.name}
          fieldLabel={field.label}
          selected={draft.values}
          exclude={draft.exclude}
          onChange={(values, exclude) => setDraft({ ...draft, values, exclude })}
        />
      ) : null}
      {draft.kind === "dates" ? <DateRangePicker range={draft.range} onChange={(range) => setDraft({ ...draft, range })} /> : null}
      {draft.kind === "flag" ? (
        <Switch
          label={draft.value ? `${label}: yes` : `${label}: no`}
          checked={draft.value}
          onChange={(_, d) => setDraft({ ...draft, value: d.checked })}
          data-testid="flag-switch"
        />
      ) : null}
      <div className={s.actions}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button appearance="primary" disabled={!ready(draft)} onClick={() => onApply(draft)} data-testid="apply-filter">
          Apply
        </Button>
      </div>
    </div>
  );
}

/// "Add filter": the data set's fields, then the editor for the one picked.
export function AddFilter({
  fields,
  account,
  dataset,
  serviceFilter,
  onAdd,
}: {
  fields: FieldInfo[];
  account: string;
  dataset: DatasetId;
  serviceFilter: string | null;
  onAdd: (c: FilterChip) => void;
}) {
  const s = useStyles();
  const [editing, setEditing] = useState<FilterChip | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const groups: { title: string; items: FieldInfo[] }[] = [
    { title: "Values", items: fields.filter((f) => f.filter === "values") },
    { title: "Dates", items: fields.filter((f) => f.filter === "dates") },
    { title: "Yes or no", items: fields.filter((f) => f.filter === "flag") },
  ].filter((g) => g.items.length);
  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button icon={<Add20Regular />} data-testid="add-filter" ref={setAnchor}>
            Add filter
          </Button>
        </MenuTrigger>
        <MenuPopover className={s.menu}>
          <MenuList>
            {groups.map((g) => (
              <MenuGroup key={g.title}>
                <MenuGroupHeader>{g.title}</MenuGroupHeader>
                {g.items.map((f) => (
                  <MenuItem key={f.name} onClick={() => setEditing(blank(f))} data-testid={`filter-field-${f.name}`}>
                    {f.label}
                  </MenuItem>
                ))}
              </MenuGroup>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      <Popover
        open={editing !== null}
        onOpenChange={(_, d) => !d.open && setEditing(null)}
        trapFocus
        positioning={{ target: anchor, position: "below", align: "start" }}
      >
      <PopoverSurface aria-label="New filter">
        {editing ? (
          <ChipEditor
            chip={editing}
            fields={fields}
            account={account}
            dataset={dataset}
            serviceFilter={serviceFilter}
            onCancel={() => setEditing(null)}
            onApply={(c) => {
              setEditing(null);
              onAdd(c);
            }}
          />
        ) : null}
      </PopoverSurface>
      </Popover>
    </>
  );
}
