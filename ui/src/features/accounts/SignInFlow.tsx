// Signing an account in, whichever way it uses: the browser (the default for people), a code on
// another device, a password (legacy), or an app's secret or certificate. Used when adding an
// account and for "Sign in again".
import { useState } from "react";
import { Button, makeStyles } from "@fluentui/react-components";
import type { AccountView, SignInMethod, UiError } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
import { AppCredentialFields, NO_CREDENTIAL, credentialArgs, credentialReady } from "./AppCredentialFields";
import { BrowserSignIn } from "./BrowserSignIn";
import { DeviceCodeSignIn } from "./DeviceCodeSignIn";
import { PasswordSignIn } from "./PasswordSignIn";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "12px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

type UserWay = Extract<SignInMethod, "browser" | "deviceCode" | "password">;

function AppSignIn({ account, onDone, onCancel }: { account: AccountView; onDone: (a: AccountView) => void; onCancel: () => void }) {
  const s = useStyles();
  const b = useBackend();
  const [c, setC] = useState(NO_CREDENTIAL);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await b.setAppCredential(account.id, ...credentialArgs(account.method, c));
      if (a.state.kind === "signedIn") onDone(a);
      else setError({ code: "sign_in_failed", message: a.state.kind === "failed" ? a.state.message : "The app could not sign in with that.", action: null, detail: null });
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className={s.form}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="app-sign-in"
    >
      {error ? <ErrorBar error={{ ...error, action: null }} /> : null}
      <AppCredentialFields method={account.method} value={c} onChange={setC} onError={(m) => setError({ code: "file", message: m, action: null, detail: null })} />
      <div className={s.actions}>
        <Button appearance="primary" type="submit" disabled={busy || !credentialReady(account.method, c)} data-testid="app-submit">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

export function SignInFlow({ account, onDone, onCancel }: { account: AccountView; onDone: (a: AccountView) => void; onCancel: () => void }) {
  // A password refused for want of multi-factor sign-in goes to the browser, which can ask.
  const first: UserWay =
    account.method === "deviceCode" ? "deviceCode" : account.method === "password" && account.state.kind !== "mfaRequired" ? "password" : "browser";
  const [way, setWay] = useState<UserWay>(first);
  const b = useBackend();
  const approval = { cloud: "global" as const, accountId: account.id };
  if (account.method === "appSecret" || account.method === "appCertificate") {
    return <AppSignIn account={account} onDone={onDone} onCancel={onCancel} />;
  }
  switch (way) {
    case "browser":
      return (
        <BrowserSignIn
          run={(job) => b.signInBrowser(account.id, job)}
          approval={approval}
          onDone={onDone}
          onCancel={onCancel}
          onUseCode={() => setWay("deviceCode")}
        />
      );
    case "deviceCode":
      return (
        <DeviceCodeSignIn
          start={() => b.startDeviceSignIn(account.id)}
          finish={(job) => b.finishDeviceSignIn(account.id, job)}
          approval={approval}
          onDone={onDone}
          onCancel={onCancel}
        />
      );
    case "password":
      return <PasswordSignIn account={account} onDone={onDone} onCancel={onCancel} onUseBrowser={() => setWay("browser")} />;
  }
}
