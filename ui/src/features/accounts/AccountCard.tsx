// One account on the Accounts screen: its name, where it signs in, its state in plain words (as
// checked against Partner Center when the screen opens), a warning before the sign-in runs out,
// and what can be done with it.
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowClockwise20Regular,
  Checkmark16Regular,
  Dismiss16Regular,
  CheckmarkCircle20Filled,
  ErrorCircle20Filled,
  MoreHorizontal20Regular,
  PersonArrowRight20Regular,
  Warning20Filled,
} from "@fluentui/react-icons";
import type { AccountView } from "../../backend";
import { useCheckAccount } from "../../backend/queries";
import { ago } from "../../lib/format";
import { accountLine, stateWords, type Tone } from "./words";

const useStyles = makeStyles({
  card: { padding: "14px 16px", gap: "10px" },
  title: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  badge: { whiteSpace: "nowrap", flexShrink: 0 },
  corner: { display: "flex", alignItems: "center", gap: "4px", flexShrink: 0 },
  state: { display: "flex", alignItems: "flex-start", gap: "8px" },
  stateText: { flex: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  success: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  danger: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  access: { display: "flex", flexDirection: "column", gap: "4px", margin: 0, padding: 0, listStyleType: "none" },
  accessLine: { display: "flex", alignItems: "flex-start", gap: "8px" },
  no: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
});

const BADGE: Record<Tone, "success" | "warning" | "danger" | "informative" | "subtle"> = {
  success: "success",
  warning: "warning",
  danger: "danger",
  informative: "informative",
  subtle: "subtle",
};

export interface AccountActions {
  onSignIn: (a: AccountView) => void;
  onRename: (a: AccountView) => void;
  onMakeDefault: (a: AccountView) => void;
  onSignOut: (a: AccountView) => void;
  onRemove: (a: AccountView) => void;
}

export function AccountCard({ account, actions }: { account: AccountView; actions: AccountActions }) {
  const s = useStyles();
  const check = useCheckAccount(account);
  const a = check.data ?? account;
  const checking = check.isFetching;
  const w = stateWords(a);
  const icon =
    w.tone === "success" ? (
      <CheckmarkCircle20Filled className={s.success} />
    ) : w.tone === "danger" ? (
      <ErrorCircle20Filled className={s.danger} />
    ) : w.tone === "warning" ? (
      <Warning20Filled className={s.warning} />
    ) : null;
  return (
    <Card className={s.card} data-testid={`account-${a.id}`} data-state={a.state.kind}>
      <CardHeader
        header={
          <div className={s.title}>
            <Text weight="semibold" size={400}>
              {a.name}
            </Text>
            {a.isDefault ? (
              <Badge appearance="outline" color="brand" data-testid="default-badge">
                Default
              </Badge>
            ) : null}
            {a.sample ? <Badge color="informative">Sample data</Badge> : null}
          </div>
        }
        description={<Text className={s.muted}>{accountLine(a)}</Text>}
        action={
          <div className={s.corner}>
            {a.sample ? null : (
              <Badge appearance="tint" color={BADGE[w.tone]} className={s.badge} data-testid="state-badge">
                {checking && a.state.kind === "unknown" ? "Checking…" : w.badge}
              </Badge>
            )}
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <Button appearance="subtle" icon={<MoreHorizontal20Regular />} aria-label={`More for ${a.name}`} data-testid="account-menu" />
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  <MenuItem onClick={() => actions.onRename(a)} data-testid="menu-rename">
                    Rename…
                  </MenuItem>
                  {a.isDefault ? null : (
                    <MenuItem onClick={() => actions.onMakeDefault(a)} data-testid="menu-default">
                      Make default
                    </MenuItem>
                  )}
                  {!a.sample && !w.needsYou ? (
                    <MenuItem onClick={() => actions.onSignIn(a)} data-testid="menu-sign-in">
                      Sign in again
                    </MenuItem>
                  ) : null}
                  {!a.sample && a.state.kind !== "needsSignIn" ? (
                    <MenuItem onClick={() => actions.onSignOut(a)} data-testid="menu-sign-out">
                      Sign out
                    </MenuItem>
                  ) : null}
                  <MenuItem onClick={() => actions.onRemove(a)} data-testid="menu-remove">
                    Remove…
                  </MenuItem>
                </MenuList>
              </MenuPopover>
            </Menu>
          </div>
        }
      />
      {a.sample ? null : (
        <div className={s.state} data-testid="state-text">
          {checking && a.state.kind === "unknown" ? <Spinner size="tiny" aria-label="Checking" /> : icon}
          <Text className={s.stateText}>
            {w.text}
            {a.checkedAt ? <span className={s.muted}> · checked {ago(a.checkedAt, Date.now())}</span> : null}
          </Text>
        </div>
      )}
      {!a.sample && a.access.length ? (
        <ul className={s.access} aria-label="What this account can see" data-testid="access-lines">
          {a.access.map((l) => (
            <li key={l.text} className={s.accessLine} data-ok={l.ok}>
              {l.ok ? <Checkmark16Regular className={s.success} aria-label="Can" /> : <Dismiss16Regular className={s.no} aria-label="Cannot" />}
              <Text size={200}>{l.text}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      {a.warning && !w.needsYou ? (
        <MessageBar intent="warning" layout="multiline" data-testid="account-warning">
          <MessageBarBody>{a.warning}</MessageBarBody>
        </MessageBar>
      ) : null}
      {a.sample ? null : (
        <div className={s.actions}>
          {w.needsYou || a.warning ? (
            <Button appearance="primary" icon={<PersonArrowRight20Regular />} onClick={() => actions.onSignIn(a)} data-testid="sign-in-again">
              {a.everSignedIn ? "Sign in again" : "Sign in"}
            </Button>
          ) : (
            <Button icon={<ArrowClockwise20Regular />} onClick={() => void check.refetch()} disabled={checking} data-testid="check-again">
              {checking ? "Checking…" : "Check again"}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
