// "Waiting for your browser…": the system browser shows Microsoft's sign-in page (multi-factor
// included) and the app listens on loopback for the answer. Cancel stops the wait. Used for a
// new sign-in and for signing an account in again; an organisation that must approve the app
// first gets the link for its administrator.
import { useEffect, useRef, useState } from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { AccountView, CloudChoice, UiError } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
import { ConsentNeeded } from "./ConsentNeeded";
import { newJobId } from "./jobs";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "12px", alignItems: "flex-start" },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export function BrowserSignIn({
  run,
  approval,
  onDone,
  onCancel,
  onUseCode,
}: {
  /// Starts the sign-in under a job id the backend can cancel.
  run: (jobId: string) => Promise<AccountView>;
  /// Whose approval an administrator would give: the cloud, and the account when there is one.
  approval: { cloud: CloudChoice; accountId: string | null };
  onDone: (a: AccountView) => void;
  onCancel: () => void;
  onUseCode: (() => void) | null;
}) {
  const s = useStyles();
  const b = useBackend();
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<UiError | null>(null);
  const job = useRef<string | null>(null);
  // The latest callbacks, so a re-render of the parent does not restart the sign-in.
  const done = useRef(onDone);
  done.current = onDone;
  const start = useRef(run);
  start.current = run;

  useEffect(() => {
    const id = newJobId("browser");
    job.current = id;
    setError(null);
    let live = true;
    start.current(id).then(
      (a) => live && done.current(a),
      (e) => {
        const u = toUiError(e);
        if (live && u.code !== "cancelled") setError(u);
      },
    );
    return () => {
      live = false;
      void b.cancelJob(id);
    };
  }, [attempt, b]);

  const cancel = () => {
    if (job.current) void b.cancelJob(job.current);
    onCancel();
  };

  if (error?.code === "consent_required") {
    return <ConsentNeeded cloud={approval.cloud} accountId={approval.accountId} onRetry={() => setAttempt((n) => n + 1)} onCancel={cancel} />;
  }
  if (error) {
    return (
      <div className={s.box} data-testid="browser-failed">
        <ErrorBar error={{ ...error, action: null }} />
        <div className={s.actions}>
          <Button appearance="primary" onClick={() => setAttempt((n) => n + 1)} data-testid="browser-retry">
            Try again
          </Button>
          {onUseCode ? <Button onClick={onUseCode}>Use a code on another device</Button> : null}
          <Button onClick={cancel}>Cancel</Button>
        </div>
      </div>
    );
  }
  return (
    <div className={s.box} data-testid="browser-waiting" role="status">
      <Spinner size="small" label="Waiting for your browser…" labelPosition="after" />
      <Text>
        Your browser has opened Microsoft's sign-in page. Sign in there (with your authenticator if it asks); Partner Lens
        comes back to the front when you're done.
      </Text>
      {onUseCode ? (
        <Text size={200} className={s.muted}>
          No browser window? Use a code on another device instead.
        </Text>
      ) : null}
      <div className={s.actions}>
        {onUseCode ? (
          <Button onClick={onUseCode} data-testid="use-code">
            Use a code instead
          </Button>
        ) : null}
        <Button onClick={cancel} data-testid="cancel-sign-in">
          Cancel
        </Button>
      </div>
    </div>
  );
}
