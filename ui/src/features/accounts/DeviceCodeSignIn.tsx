// Signing in with a code on another device: the code in large type with Copy, the page to type
// it on, how long it still works, and Cancel. The backend waits for the person meanwhile.
import { useEffect, useRef, useState } from "react";
import { Button, Link, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Copy20Regular, Checkmark20Regular } from "@fluentui/react-icons";
import type { AccountView, CloudChoice, DeviceCodeView, UiError } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
import { ConsentNeeded } from "./ConsentNeeded";
import { newJobId } from "./jobs";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "12px", alignItems: "flex-start" },
  codeRow: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "32px",
    lineHeight: "40px",
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: "0.12em",
    padding: "6px 14px",
    borderRadius: tokens.borderRadiusMedium,
    background: tokens.colorNeutralBackground3,
    userSelect: "all",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

function useSecondsLeft(until: number | null): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (until === null) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  return until === null ? null : Math.max(0, Math.round(until - now / 1000));
}

function minutes(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function DeviceCodeSignIn({
  start,
  finish,
  approval,
  onDone,
  onCancel,
}: {
  start: () => Promise<DeviceCodeView>;
  /// Waits for the person under a job id the backend can cancel.
  finish: (jobId: string) => Promise<AccountView>;
  approval: { cloud: CloudChoice; accountId: string | null };
  onDone: (a: AccountView) => void;
  onCancel: () => void;
}) {
  const s = useStyles();
  const b = useBackend();
  const [attempt, setAttempt] = useState(0);
  const [code, setCode] = useState<DeviceCodeView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [copied, setCopied] = useState(false);
  const job = useRef<string | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const calls = useRef({ start, finish });
  calls.current = { start, finish };
  const left = useSecondsLeft(code?.expiresAt ?? null);

  useEffect(() => {
    const id = newJobId("device");
    job.current = id;
    let live = true;
    setCode(null);
    setError(null);
    calls.current
      .start()
      .then((c) => {
        if (!live) return null;
        setCode(c);
        return calls.current.finish(id);
      })
      .then(
        (a) => live && a && done.current(a),
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
  const copy = async () => {
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code.userCode);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // The code is selectable text; copying by hand still works.
    }
  };

  if (error?.code === "consent_required") {
    return <ConsentNeeded cloud={approval.cloud} accountId={approval.accountId} onRetry={() => setAttempt((n) => n + 1)} onCancel={cancel} />;
  }
  if (error || left === 0) {
    return (
      <div className={s.box} data-testid="device-failed">
        {error ? (
          <ErrorBar error={{ ...error, action: null }} />
        ) : (
          <Text>The code has run out before it was used.</Text>
        )}
        <div className={s.actions}>
          <Button appearance="primary" onClick={() => setAttempt((n) => n + 1)}>
            Get a new code
          </Button>
          <Button onClick={cancel}>Cancel</Button>
        </div>
      </div>
    );
  }
  if (!code) return <Spinner size="small" label="Getting a code…" labelPosition="after" />;
  return (
    <div className={s.box} data-testid="device-code">
      <Text>
        On your phone or another computer, open{" "}
        <Link onClick={() => void b.openLink(code.verificationUri)} data-testid="device-link">
          {code.verificationUri}
        </Link>{" "}
        and enter this code:
      </Text>
      <div className={s.codeRow}>
        <span className={s.code} data-testid="device-user-code" aria-label={`Code ${code.userCode.split("").join(" ")}`}>
          {code.userCode}
        </span>
        <Button icon={copied ? <Checkmark20Regular /> : <Copy20Regular />} onClick={() => void copy()} data-testid="copy-code">
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <div className={s.codeRow} role="status">
        <Spinner size="tiny" aria-label="Waiting" />
        <Text className={s.muted} data-testid="device-countdown">
          Waiting for you to enter the code · it works for {minutes(left ?? 0)} more
        </Text>
      </div>
      <div className={s.actions}>
        <Button onClick={cancel} data-testid="cancel-sign-in">
          Cancel
        </Button>
      </div>
    </div>
  );
}
