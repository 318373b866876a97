// The biggest movers between the last two complete months, one plain sentence each (built in
// the service from typed parts), each opening the Explore view behind it.
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDown16Filled, ArrowUp16Filled, Sparkle16Filled, SubtractCircle16Filled } from "@fluentui/react-icons";
import type { Highlight, MoveKind } from "../../backend";

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

function Mark({ kind }: { kind: MoveKind }) {
  const s = useStyles();
  switch (kind) {
    case "rise":
      return <ArrowUp16Filled className={s.rise} />;
    case "fall":
      return <ArrowDown16Filled className={s.fall} />;
    case "new":
      return <Sparkle16Filled className={s.new} />;
    case "gone":
      return <SubtractCircle16Filled className={s.gone} />;
  }
}

export function Highlights({ items, onOpen }: { items: Highlight[]; onOpen: (h: Highlight) => void }) {
  const s = useStyles();
  if (!items.length) {
    return <Text className={s.muted}>Nothing moved much between the last two months.</Text>;
  }
  return (
    <ul className={s.list} data-testid="highlights">
      {items.map((h, i) => (
        <li key={i} className={s.item}>
          <span className={s.icon} aria-hidden="true">
            <Mark kind={h.kind} />
          </span>
          <Link appearance="subtle" onClick={() => onOpen(h)} data-testid="highlight">
            {h.sentence}
          </Link>
        </li>
      ))}
    </ul>
  );
}
