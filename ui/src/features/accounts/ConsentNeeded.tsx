// "Your organisation needs an administrator to approve Partner Lens": one sentence, the link for
// the administrator (Microsoft's admin-consent page, copied to send by mail or chat), and Try
// again for once they have.
import { useEffect, useState } from "react";
import { Button, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Checkmark20Regular, Copy20Regular } from "@fluentui/react-icons";
import type { CloudChoice } from "../../backend";
import { useBackend } from "../../backend/context";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "12px", alignItems: "stretch" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  link: { width: "100%" },
});

export function ConsentNeeded({
  cloud,
  accountId,
  onRetry,
  onCancel,
}: {
  cloud: CloudChoice;
  accountId: string | null;
  onRetry: () => void;
  onCancel: () => void;
}) {
  const s = useStyles();
  const b = useBackend();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    b.adminConsentLink(cloud, accountId).then(
      (l) => live && setLink(l),
      () => live && setLink(null),
    );
    return () => {
      live = false;
    };
  }, [b, cloud, accountId]);
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // The link shows below, selectable, for copying by hand.
      setCopied(false);
    }
  };
  return (
    <div className={s.box} data-testid="consent-needed">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          Your organisation needs an administrator to approve Partner Lens once before anyone can sign in with it. Send them
          the link below; when they have approved it, try again.
        </MessageBarBody>
      </MessageBar>
      {link ? (
        <Input className={s.link} value={link} readOnly aria-label="Link for your administrator" data-testid="admin-link" />
      ) : null}
      {copied ? (
        <Text size={200} className={s.muted} role="status">
          The link is copied: paste it into a message to your administrator.
        </Text>
      ) : null}
      <div className={s.actions}>
        <Button
          appearance="primary"
          icon={copied ? <Checkmark20Regular /> : <Copy20Regular />}
          onClick={() => void copy()}
          disabled={!link}
          data-testid="copy-admin-link"
        >
          {copied ? "Copied" : "Copy the link for your admin"}
        </Button>
        <Button onClick={onRetry} data-testid="consent-retry">
          Try again
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
