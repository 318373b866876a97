import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The biggest movers between the last two complete months, one plain sentence each (built in
// the service from typed parts), each opening the Explore view behind it.
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDown16Filled, ArrowUp16Filled, Sparkle16Filled, SubtractCircle16Filled } from "@fluentui/react-icons";
const useStyles = makeStyles({
    list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "10px" },
    item: { display: "flex", gap: "10px", alignItems: "flex-start" },
    icon: { display: "flex", paddingTop: "3px" },
    rise: { color: tokens.colorPaletteGreenForeground1 },
    fall: { color: tokens.colorPaletteRedForeground1 },
    new: { color: tokens.colorBrandForeground1 },
    gone: { color: tokens.colorNeutralForeground3 },
    muted: { color: tokens.colorNeutralForeground3 },
});
function Mark({ kind }) {
    const s = useStyles();
    switch (kind) {
        case "rise":
            return _jsx(ArrowUp16Filled, { className: s.rise });
        case "fall":
            return _jsx(ArrowDown16Filled, { className: s.fall });
        case "new":
            return _jsx(Sparkle16Filled, { className: s.new });
        case "gone":
            return _jsx(SubtractCircle16Filled, { className: s.gone });
    }
}
export function Highlights({ items, onOpen }) {
    const s = useStyles();
    if (!items.length) {
        return _jsx(Text, { className: s.muted, children: "Nothing moved much between the last two months." });
    }
    return (_jsx("ul", { className: s.list, "data-testid": "highlights", children: items.map((h, i) => (_jsxs("li", { className: s.item, children: [_jsx("span", { className: s.icon, "aria-hidden": "true", children: _jsx(Mark, { kind: h.kind }) }), _jsx(Link, { appearance: "subtle", onClick: () => onOpen(h), "data-testid": "highlight", children: h.sentence })] }, i))) }));
}
