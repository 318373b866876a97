import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// A tile per data set: its headline figure and the change against the previous complete month,
// each opening Explore with the question behind it.
import { Card, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ArrowTrendingDown20Regular, ArrowTrendingLines20Regular, ArrowTrending20Regular } from "@fluentui/react-icons";
import { formatNumber } from "../../lib/format";
const useStyles = makeStyles({
    grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(210px, 1fr))", gap: "12px" },
    tile: {
        padding: "14px 16px",
        gap: "4px",
        cursor: "pointer",
        ":hover": { background: tokens.colorNeutralBackground1Hover },
    },
    title: { color: tokens.colorNeutralForeground2 },
    value: { fontSize: "28px", lineHeight: "36px", fontWeight: tokens.fontWeightSemibold },
    detail: { display: "flex", alignItems: "center", gap: "6px", color: tokens.colorNeutralForeground3 },
    up: { color: tokens.colorPaletteGreenForeground1 },
    down: { color: tokens.colorPaletteRedForeground1 },
});
/// `ready` says the figures are this account's latest (not the ones shown while refreshing).
export function Tiles({ tiles, ready, onOpen }) {
    const s = useStyles();
    return (_jsx("div", { className: s.grid, "data-testid": "tiles", "data-ready": ready, children: tiles.map((t) => {
            const up = t.value !== null && t.previous !== null && t.value > t.previous;
            const down = t.value !== null && t.previous !== null && t.value < t.previous;
            const Icon = up ? ArrowTrending20Regular : down ? ArrowTrendingDown20Regular : ArrowTrendingLines20Regular;
            return (_jsxs(Card, { className: s.tile, onClick: () => onOpen(t), role: "link", tabIndex: 0, onKeyDown: (e) => (e.key === "Enter" || e.key === " ") && onOpen(t), "aria-label": `${t.title} ${formatNumber(t.value)}, ${t.detail}. Open in Explore`, title: t.source, "data-testid": `tile-${t.dataset}`, children: [_jsx(Text, { className: s.title, children: t.title }), _jsx(Text, { className: s.value, "data-testid": "tile-value", children: formatNumber(t.value) }), _jsxs("span", { className: s.detail, children: [_jsx(Icon, { className: mergeClasses(up && s.up, down && s.down), "aria-hidden": "true" }), _jsx(Text, { size: 200, children: t.detail })] })] }, t.dataset));
        }) }));
}
