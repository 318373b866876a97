import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Which columns a table shows.
import { Button, Checkbox, Popover, PopoverSurface, PopoverTrigger, makeStyles } from "@fluentui/react-components";
import { ColumnTriple20Regular } from "@fluentui/react-icons";
const useStyles = makeStyles({ list: { display: "flex", flexDirection: "column", maxHeight: "320px", overflowY: "auto" } });
export function ColumnChooser({ columns, hidden, onChange, }) {
    const s = useStyles();
    return (_jsxs(Popover, { positioning: "below-end", trapFocus: true, children: [_jsx(PopoverTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { appearance: "subtle", icon: _jsx(ColumnTriple20Regular, {}), children: "Columns" }) }), _jsx(PopoverSurface, { "aria-label": "Columns to show", children: _jsx("div", { className: s.list, role: "group", "aria-label": "Columns to show", children: columns.map((c) => (_jsx(Checkbox, { label: c.label, checked: !hidden.includes(c.id), 
                        // The last column shown stays: a table of nothing helps nobody.
                        disabled: !hidden.includes(c.id) && hidden.length >= columns.length - 1, onChange: (_, d) => onChange(d.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id]) }, c.id))) }) })] }));
}
