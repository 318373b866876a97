// A screen or a part with nothing to show yet: what will be here, and what to do now.
import type { ReactNode } from "react";
import { Subtitle1, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: "12px",
    padding: "48px 24px",
    maxWidth: "560px",
    margin: "0 auto",
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: "48px", color: tokens.colorBrandForeground1, display: "flex" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", justifyContent: "center", marginTop: "8px" },
});

export function EmptyState({
  icon,
  title,
  children,
  actions,
  testId,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  const s = useStyles();
  return (
    <section className={s.box} data-testid={testId ?? "empty-state"} aria-label={title}>
      {icon ? (
        <span className={s.icon} aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <Subtitle1 as="h2">{title}</Subtitle1>
      {children ? <div>{children}</div> : null}
      {actions ? <div className={s.actions}>{actions}</div> : null}
    </section>
  );
}
