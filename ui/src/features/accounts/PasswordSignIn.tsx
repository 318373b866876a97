// The legacy way: user name and password. It says up front that it fails where multi-factor
// sign-in is enforced, and when it does (AADSTS50076) it says so and offers the browser.
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from "@fluentui/react-components";
import type { AccountView, UiError } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "12px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export function PasswordSignIn({
  account,
  onDone,
  onCancel,
  onUseBrowser,
}: {
  account: AccountView;
  onDone: (a: AccountView) => void;
  onCancel: () => void;
  onUseBrowser: () => void;
}) {
  const s = useStyles();
  const b = useBackend();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await b.signInPassword(account.id, password));
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
      setPassword("");
    }
  };
  const mfa = error?.code === "mfa_required";
  return (
    <form
      className={s.form}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="password-sign-in"
    >
      {mfa ? (
        <MessageBar intent="error" layout="multiline" data-testid="mfa-explained">
          <MessageBarBody>
            <MessageBarTitle>Your organisation requires multi-factor sign-in</MessageBarTitle>
            Microsoft refused the password alone (AADSTS50076): this tenant asks for a second step, like an authenticator
            prompt, which only the sign-in page can show. Sign in with your browser instead; it works the same afterwards.
          </MessageBarBody>
        </MessageBar>
      ) : error ? (
        <ErrorBar error={{ ...error, action: null }} />
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            This only works where multi-factor sign-in is not enforced, which is rare. Signing in with your browser works
            everywhere.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="User name">
        <Input value={account.username ?? ""} readOnly />
      </Field>
      <Field label="Password" required>
        <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} autoComplete="current-password" data-testid="password" />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" type="submit" disabled={busy || !password} data-testid="password-submit">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
        <Button onClick={onUseBrowser} appearance={mfa ? "primary" : "secondary"} data-testid="use-browser">
          Sign in with your browser
        </Button>
        <Button onClick={onCancel} data-testid="password-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
