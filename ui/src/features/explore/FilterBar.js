import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The filters of a question as chips: click one to change it, its × to remove it; "Add filter"
// for another; "Edit as text" for those who want the filter language, with the parser's plain
// message on a mistake.
import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import { useFileSource } from "./fileSource";
import { Button, Field, InteractionTag, InteractionTagPrimary, InteractionTagSecondary, Popover, PopoverSurface, PopoverTrigger, Textarea, TagGroup, makeStyles, tokens, } from "@fluentui/react-components";
import { Code20Regular } from "@fluentui/react-icons";
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
export const FilterBar = forwardRef(function FilterBar({ chips, filterText, fields, account, dataset, serviceFilter, onChange }, ref) {
    const s = useStyles();
    const file = useFileSource();
    const b = useBackend();
    const [editing, setEditing] = useState(null);
    const [asText, setAsText] = useState(null);
    const [textError, setTextError] = useState(null);
    const area = useRef(null);
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
        }
        catch (e) {
            setTextError(toUiError(e));
        }
    };
    return (_jsxs("div", { className: s.bar, role: "group", "aria-label": "Filters", "data-testid": "filter-bar", children: [_jsx(TagGroup, { "aria-label": "Filters in use", onDismiss: (_, d) => onChange(chips.filter((_, i) => String(i) !== d.value)), children: chips.map((c, i) => (_jsxs(Popover, { open: editing === i, onOpenChange: (_, d) => setEditing(d.open ? i : null), trapFocus: true, positioning: "below-start", children: [_jsx(PopoverTrigger, { disableButtonEnhancement: true, children: _jsxs(InteractionTag, { value: String(i), appearance: "brand", "data-testid": "filter-chip", children: [_jsx(InteractionTagPrimary, { hasSecondaryAction: true, children: chipLabel(c, fields) }), _jsx(InteractionTagSecondary, { "aria-label": `Remove the filter ${chipLabel(c, fields)}` })] }) }), _jsx(PopoverSurface, { "aria-label": "Change the filter", children: _jsx(ChipEditor, { chip: c, fields: fields, account: account, dataset: dataset, serviceFilter: serviceFilter, onCancel: () => setEditing(null), onApply: (next) => {
                                    setEditing(null);
                                    onChange(chips.map((x, j) => (j === i ? next : x)));
                                } }) })] }, i))) }), _jsx(AddFilter, { fields: fields, account: account, dataset: dataset, serviceFilter: serviceFilter, onAdd: (c) => onChange([...chips, c]) }), file ? null : asText === null ? (_jsx(Button, { appearance: "subtle", icon: _jsx(Code20Regular, {}), onClick: openText, "data-testid": "edit-as-text", children: "Edit as text" })) : (_jsxs("div", { className: s.text, children: [_jsx(Field, { label: "Filter in Partner Center's language", hint: "For example: status eq 'ACTIVE' and creationDate ge '2026-01-01'", validationState: textError ? "error" : "none", validationMessage: textError ? `${describeError(textError).title}: ${textError.message}${textError.detail ? ` (${textError.detail})` : ""}` : undefined, children: _jsx(Textarea, { ref: area, className: s.area, value: asText, resize: "vertical", onChange: (_, d) => setAsText(d.value), "data-testid": "filter-text" }) }), _jsxs("div", { className: s.textActions, children: [_jsx(Button, { appearance: "primary", onClick: applyText, "data-testid": "apply-filter-text", children: "Apply" }), _jsx(Button, { onClick: () => setAsText(null), children: "Cancel" })] })] }))] }));
});
