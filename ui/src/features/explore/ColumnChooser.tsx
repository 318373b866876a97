// Which columns a table shows.
import { Button, Checkbox, Popover, PopoverSurface, PopoverTrigger, makeStyles } from "@fluentui/react-components";
import { ColumnTriple20Regular } from "@fluentui/react-icons";

const useStyles = makeStyles({ list: { display: "flex", flexDirection: "column", maxHeight: "320px", overflowY: "auto" } });

export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: { id: string; label: string }[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const s = useStyles();
  return (
    <Popover positioning="below-end" trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<ColumnTriple20Regular />}>
          Columns
        </Button>
      </PopoverTrigger>
      <PopoverSurface aria-label="Columns to show">
        <div className={s.list} role="group" aria-label="Columns to show">
          {columns.map((c) => (
            <Checkbox
              key={c.id}
              label={c.label}
              checked={!hidden.includes(c.id)}
              // The last column shown stays: a table of nothing helps nobody.
              disabled={!hidden.includes(c.id) && hidden.length >= columns.length - 1}
              onChange={(_, d) => onChange(d.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
            />
          ))}
        </div>
      </PopoverSurface>
    </Popover>
  );
}
