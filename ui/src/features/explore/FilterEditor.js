import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Adding or changing one filter: pick a field, then its values, a date range or yes/no.
import { useState } from "react";
import { Button, Menu, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, Popover, PopoverSurface, Switch, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { DateRangePicker } from "./DateRangePicker";
import { ValuePicker } from "./ValuePicker";
const useStyles = makeStyles({
    surface: { width: "360px", display: "flex", flexDirection: "column", gap: "10px" },
    actions: { display: "flex", justifyContent: "flex-end", gap: "8px" },
    title: { fontWeight: tokens.fontWeightSemibold },
    menu: { maxHeight: "60vh", overflowY: "auto" },
});
/// A new chip for a field, before anything is picked.
function blank(f) {
    if (f.filter === "dates")
        return { kind: "dates", field: f.name, range: { preset: "last30Days" } };
    if (f.filter === "flag")
        return { kind: "flag", field: f.name, value: true };
    return { kind: "values", field: f.name, values: [], exclude: false };
}
function ready(c) {
    return c.kind !== "values" || c.values.length > 0;
}
export function ChipEditor({ chip, fields, account, dataset, serviceFilter, onApply, onCancel, }) {
    const s = useStyles();
    const [draft, setDraft] = useState(chip);
    const field = draft.kind === "text" ? null : fields.find((f) => f.name === draft.field);
    const label = field?.label ?? "Filter";
    return (_jsxs("div", { className: s.surface, "data-testid": "filter-editor", children: [_jsx(Text, { className: s.title, children: label }), draft.kind === "values" && field ? (_jsx(ValuePicker, { account: account, dataset: dataset, serviceFilter: serviceFilter, field: field.name, fieldLabel: field.label, selected: draft.values, exclude: draft.exclude, onChange: (values, exclude) => setDraft({ ...draft, values, exclude }) })) : null, draft.kind === "dates" ? _jsx(DateRangePicker, { range: draft.range, onChange: (range) => setDraft({ ...draft, range }) }) : null, draft.kind === "flag" ? (_jsx(Switch, { label: draft.value ? `${label}: yes` : `${label}: no`, checked: draft.value, onChange: (_, d) => setDraft({ ...draft, value: d.checked }), "data-testid": "flag-switch" })) : null, _jsxs("div", { className: s.actions, children: [_jsx(Button, { onClick: onCancel, children: "Cancel" }), _jsx(Button, { appearance: "primary", disabled: !ready(draft), onClick: () => onApply(draft), "data-testid": "apply-filter", children: "Apply" })] })] }));
}
/// "Add filter": the data set's fields, then the editor for the one picked.
export function AddFilter({ fields, account, dataset, serviceFilter, onAdd, }) {
    const s = useStyles();
    const [editing, setEditing] = useState(null);
    const [anchor, setAnchor] = useState(null);
    const groups = [
        { title: "Values", items: fields.filter((f) => f.filter === "values") },
        { title: "Dates", items: fields.filter((f) => f.filter === "dates") },
        { title: "Yes or no", items: fields.filter((f) => f.filter === "flag") },
    ].filter((g) => g.items.length);
    return (_jsxs(_Fragment, { children: [_jsxs(Menu, { children: [_jsx(MenuTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { icon: _jsx(Add20Regular, {}), "data-testid": "add-filter", ref: setAnchor, children: "Add filter" }) }), _jsx(MenuPopover, { className: s.menu, children: _jsx(MenuList, { children: groups.map((g) => (_jsxs(MenuGroup, { children: [_jsx(MenuGroupHeader, { children: g.title }), g.items.map((f) => (_jsx(MenuItem, { onClick: () => setEditing(blank(f)), "data-testid": `filter-field-${f.name}`, children: f.label }, f.name)))] }, g.title))) }) })] }), _jsx(Popover, { open: editing !== null, onOpenChange: (_, d) => !d.open && setEditing(null), trapFocus: true, positioning: { target: anchor, position: "below", align: "start" }, children: _jsx(PopoverSurface, { "aria-label": "New filter", children: editing ? (_jsx(ChipEditor, { chip: editing, fields: fields, account: account, dataset: dataset, serviceFilter: serviceFilter, onCancel: () => setEditing(null), onApply: (c) => {
                            setEditing(null);
                            onAdd(c);
                        } })) : null }) })] }));
}
