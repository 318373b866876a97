// Sign-in health, before things break: when an account will need a new sign-in soon, or needs
// one now, a plain sentence and one button that signs it in (without leaving the screen).
import { useState } from "react";
import { Button, Link, MessageBar, MessageBarActions, MessageBarBody, makeStyles } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { AccountView } from "../backend";
import { keys, usePutAccount } from "../backend/queries";
import { SignInDialog } from "../features/accounts/SignInDialog";

const useStyles = makeStyles({ bar: { margin: "12px 24px 0", flexShrink: 0 } });

export function HealthBanner({ accounts, onAccounts }: { accounts: AccountView[]; onAccounts: () => void }) {
  const s = useStyles();
  const qc = useQueryClient();
  const put = usePutAccount();
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [signingIn, setSigningIn] = useState<AccountView | null>(null);
  const waiting = accounts.filter((a) => !a.sample && a.warning && !dismissed.includes(a.id));
  const first = waiting[0];
  return (
    <>
      {first ? (
        <MessageBar intent="warning" className={s.bar} data-testid="health-banner">
          <MessageBarBody>
            {first.warning}
            {waiting.length > 1 ? (
              <>
                {" "}
                <Link onClick={onAccounts} data-testid="health-more">
                  {waiting.length - 1 === 1 ? "1 more account needs you" : `${waiting.length - 1} more accounts need you`}
                </Link>
              </>
            ) : null}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                icon={<Dismiss20Regular />}
                aria-label="Not now"
                onClick={() => setDismissed((d) => [...d, first.id])}
              />
            }
          >
            <Button appearance="primary" size="medium" onClick={() => setSigningIn(first)} data-testid="health-sign-in">
              Sign in again
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <SignInDialog
        account={signingIn}
        onClose={() => setSigningIn(null)}
        onDone={(a) => {
          setSigningIn(null);
          put(a);
          qc.setQueryData(keys.check(a.id), a);
          void qc.invalidateQueries({ queryKey: keys.appInfo });
          void qc.invalidateQueries({ queryKey: ["home"] });
        }}
      />
    </>
  );
}
