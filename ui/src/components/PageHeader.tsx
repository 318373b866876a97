// A screen's title, a line saying what it is for, and its main actions on the right.
import type { ReactNode } from "react";
import { Text, Title2, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: "16px", flexWrap: "wrap", marginBottom: "8px" },
  titles: { flex: 1, minWidth: "240px", display: "flex", flexDirection: "column", gap: "2px" },
  sub: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.row}>
      <div className={s.titles}>
        <Title2 as="h1">{title}</Title2>
        {subtitle ? (
          <Text className={s.sub} data-testid="page-subtitle">
            {subtitle}
          </Text>
        ) : null}
      </div>
      {actions ? <div className={s.actions}>{actions}</div> : null}
    </div>
  );
}
