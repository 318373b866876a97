// Accounts: the Partner Center accounts Partner Lens reads (the same registry and keyring vault
// as `partner-lens accounts`), each with its state in plain words; adding one, signing in
// again, renaming, the default, signing out and removing.
import { useState } from "react";
import { Button, Toast, ToastTitle, makeStyles, useToastController } from "@fluentui/react-components";
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { DataBarVertical24Regular, PeopleTeam24Regular, PersonKey20Regular, Wrench20Regular } from "@fluentui/react-icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { AccountView, UiError } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, usePutAccount, useStartSample } from "../../backend/queries";
import { useApp } from "../../app/context";
import { TOASTER } from "../../app/toaster";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { AccountCard, type AccountActions } from "./AccountCard";
import { AddAccountDialog } from "./AddAccountDialog";
import { NewSignIn } from "./NewSignIn";
import { RemoveDialog } from "./RemoveDialog";
import { RenameDialog } from "./RenameDialog";
import { SignInDialog } from "./SignInDialog";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "780px" },
  surface: { width: "520px", maxWidth: "calc(100vw - 48px)" },
});

export function AccountsScreen() {
  const s = useStyles();
  const { info, go } = useApp();
  const b = useBackend();
  const qc = useQueryClient();
  const put = usePutAccount();
  const start = useStartSample();
  const { dispatchToast } = useToastController(TOASTER);
  const [adding, setAdding] = useState(false);
  const [signingInNew, setSigningInNew] = useState(false);
  const setup = useQuery({ queryKey: keys.signInSetup, queryFn: b.signInSetup, staleTime: Infinity });
  const itSetup = setup.data?.itSetup ?? false;
  const [signingIn, setSigningIn] = useState<AccountView | null>(null);
  const [renaming, setRenaming] = useState<AccountView | null>(null);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AccountView | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const toast = (text: string) =>
    dispatchToast(
      <Toast data-testid="account-toast">
        <ToastTitle>{text}</ToastTitle>
      </Toast>,
      { intent: "success" },
    );
  const changed = (a?: AccountView) => {
    if (a) {
      put(a);
      // Checked again from the backend (what the dialog held may be older than what it did).
      void qc.invalidateQueries({ queryKey: keys.check(a.id) });
    }
    void qc.invalidateQueries({ queryKey: keys.appInfo });
    void qc.invalidateQueries({ queryKey: ["home"] });
  };
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(toUiError(e));
    }
  };
  const signedIn = (a: AccountView) => {
    setSigningIn(null);
    changed(a);
    // A new sign-in means new data may be readable: Explore and Home ask again.
    qc.removeQueries({ queryKey: ["tableStatus", a.id] });
    toast(a.state.kind === "signedIn" ? `${a.name}: ${a.state.who === a.name ? "signed in" : `signed in as ${a.state.who}`}` : `${a.name} is added`);
  };
  const actions: AccountActions = {
    onSignIn: setSigningIn,
    onRename: (a) => {
      setRenameError(null);
      setRenaming(a);
    },
    onMakeDefault: (a) =>
      void run(async () => {
        await b.makeDefaultAccount(a.id);
        changed();
        toast(`${a.name} opens first from now on`);
      }),
    onSignOut: (a) =>
      void run(async () => {
        changed(await b.signOut(a.id));
        toast(`${a.name} is signed out`);
      }),
    onRemove: setRemoving,
  };

  return (
    <>
      <PageHeader
        title="Accounts"
        subtitle="The Partner Center accounts Partner Lens reads. Sign-ins are kept in your system's keyring."
        actions={
          <>
            {itSetup ? (
              <Button icon={<Wrench20Regular />} onClick={() => setAdding(true)} data-testid="add-account">
                Set up by your IT department
              </Button>
            ) : null}
            <Button appearance="primary" icon={<PersonKey20Regular />} onClick={() => setSigningInNew(true)} data-testid="sign-in-new">
              Sign in with Microsoft
            </Button>
          </>
        }
      />
      {error ? <ErrorBar error={{ ...error, action: null }} /> : null}
      {info.accounts.length ? (
        <div className={s.list} data-testid="account-list">
          {info.accounts.map((a) => (
            <AccountCard key={a.id} account={a} actions={actions} />
          ))}
        </div>
      ) : (
        <EmptyState
          icon={<PeopleTeam24Regular />}
          title="No account yet"
          testId="no-accounts"
          actions={
            <>
              <Button appearance="primary" icon={<PersonKey20Regular />} onClick={() => setSigningInNew(true)}>
                Sign in with Microsoft
              </Button>
              <Button
                icon={<DataBarVertical24Regular />}
                onClick={() => start.mutate(undefined, { onSuccess: (a) => go({ screen: "home", account: a.id }) })}
              >
                Try with sample data
              </Button>
            </>
          }
        >
          Sign in with the work account you use for Partner Center to see your own data. Nothing to type: your browser
          opens Microsoft's sign-in page.
        </EmptyState>
      )}
      <AddAccountDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(a) => {
          setAdding(false);
          signedIn(a);
        }}
      />
      <Dialog open={signingInNew} onOpenChange={(_, d) => !d.open && setSigningInNew(false)} modalType="modal">
        <DialogSurface className={s.surface} data-testid="new-sign-in-dialog">
          <DialogBody>
            <DialogTitle>Sign in with Microsoft</DialogTitle>
            <DialogContent>
              {signingInNew ? (
                <NewSignIn
                  size="medium"
                  onDone={(a) => {
                    setSigningInNew(false);
                    void qc.invalidateQueries({ queryKey: keys.appInfo });
                    signedIn(a);
                  }}
                  onItSetup={
                    itSetup
                      ? () => {
                          setSigningInNew(false);
                          setAdding(true);
                        }
                      : null
                  }
                />
              ) : null}
            </DialogContent>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <SignInDialog account={signingIn} onClose={() => setSigningIn(null)} onDone={signedIn} />
      <RenameDialog
        account={renaming}
        error={renameError}
        onClose={() => setRenaming(null)}
        onRename={(name) => {
          if (!renaming) return;
          b.renameAccount(renaming.id, name).then(
            (a) => {
              setRenaming(null);
              changed(a);
            },
            (e) => setRenameError(toUiError(e).message),
          );
        }}
      />
      <RemoveDialog
        account={removing}
        onClose={() => setRemoving(null)}
        onRemove={() => {
          const a = removing;
          setRemoving(null);
          if (a)
            void run(async () => {
              await b.removeAccount(a.id);
              qc.removeQueries({ queryKey: keys.check(a.id) });
              changed();
              toast(`${a.name} is removed`);
            });
        }}
      />
    </>
  );
}
