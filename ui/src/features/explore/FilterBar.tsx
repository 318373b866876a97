// The filters of a question as chips: click one to change it, its × to remove it; "Add filter"
// for another; "Edit as text" for those who want the filter language, with the parser's plain
// message on a mistake.
import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import { useFileSource } from "./fileSource";
import {
  Button,
  Field,
  InteractionTag,
  InteractionTagPrimary,
  InteractionTagSecondary,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Textarea,
  TagGroup,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Code20Regular } from "@fluentui/react-icons";
import type { DatasetId, FieldInfo, FilterChip, UiError } from "../../backend";
import { describeError, toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { chipLabel } from "./chips";
import { AddFilter, ChipEditor } from "./FilterEditor";

const useStyles = makeStyles({
  bar: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  text: { display: "flex", flexDirection: "column", gap: "8px", width: "100%" },
  textActions: { display: "flex", gap: "8px" },
  area: { fontFamily: tokens.fontFamilyMonospace },
});

export interface FilterBarHandle {
  /// "Edit filter": show the filter text with the mistake.
  focus: () => void;
}

interface Props {
  chips: FilterChip[];
  filterText: string | null;
  fields: FieldInfo[];
  account: string;
  dataset: DatasetId;
  serviceFilter: string | null;
  onChange: (chips: FilterChip[]) => void;
}

export const FilterBar = forwardRef<FilterBarHandle, Props>(function FilterBar(
  { chips, filterText, fields, account, dataset, serviceFilter, onChange },
  ref,
) {
  const s = useStyles();
  const file = useFileSource();
  const b = useBackend();
  const [editing, setEditing] = useState<number | null>(null);
  const [asText, setAsText] = useState<string | null>(null);
  const [textError, setTextError] = useState<UiError | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  const openText = () => {
    setAsText(filterText ?? "");
    setTextError(null);
    setTimeout(() => area.current?.focus(), 0);
  };
  useImperativeHandle(ref, () => ({ focus: openText }));

  const applyText = async () => {
    try {
      onChange(await b.parseFilterText(dataset, asText ?? ""));
      setAsText(null);
      setTextError(null);
    } catch (e) {
      setTextError(toUiError(e));
    }
  };

  return (
    <div className={s.bar} role="group" aria-label="Filters" data-testid="filter-bar">
      <TagGroup
        aria-label="Filters in use"
        onDismiss={(_, d) => onChange(chips.filter((_, i) => String(i) !== d.value))}
      >
        {chips.map((c, i) => (
          <Popover
            key={i}
            open={editing === i}
            onOpenChange={(_, d) => setEditing(d.open ? i : null)}
            trapFocus
            positioning="below-start"
          >
            <PopoverTrigger disableButtonEnhancement>
              <InteractionTag value={String(i)} appearance="brand" data-testid="filter-chip">
                <InteractionTagPrimary hasSecondaryAction>{chipLabel(c, fields)}</InteractionTagPrimary>
                <InteractionTagSecondary aria-label={`Remove the filter ${chipLabel(c, fields)}`} />
              </InteractionTag>
            </PopoverTrigger>
            <PopoverSurface aria-label="Change the filter">
              <ChipEditor
                chip={c}
                fields={fields}
                account={account}
                dataset={dataset}
                serviceFilter={serviceFilter}
                onCancel={() => setEditing(null)}
                onApply={(next) => {
                  setEditing(null);
                  onChange(chips.map((x, j) => (j === i ? next : x)));
                }}
              />
            </PopoverSurface>
          </Popover>
        ))}
      </TagGroup>
      <AddFilter fields={fields} account={account} dataset={dataset} serviceFilter={serviceFilter} onAdd={(c) => onChange([...chips, c])} />
      {/* A file's columns have no filter language of the service's: chips only. */}
      {file ? null : asText === null ? (
        <Button appearance="subtle" icon={<Code20Regular />} onClick={openText} data-testid="edit-as-text">
          Edit as text
        </Button>
      ) : (
        <div className={s.text}>
          <Field
            label="Filter in Partner Center's language"
            hint="For example: status eq 'ACTIVE' and creationDate ge '2026-01-01'"
            validationState={textError ? "error" : "none"}
            validationMessage={
              textError ? `${describeError(textError).title}: ${textError.message}${textError.detail ? ` (${textError.detail})` : ""}` : undefined
            }
          >
            <Textarea
              ref={area}
              className={s.area}
              value={asText}
              resize="vertical"
              onChange={(_, d) => setAsText(d.value)}
              data-testid="filter-text"
            />
          </Field>
          <div className={s.textActions}>
            <Button appearance="primary" onClick={applyText} data-testid="apply-filter-text">
              Apply
            </Button>
            <Button onClick={() => setAsText(null)}>Cancel</Button>
          </div>
        </div>
      )}
    </div>
  );
});
