// "Sign in with Microsoft": one button, nothing typed. The browser opens Microsoft's sign-in
// page; the account is made from who signed in (named after their organisation). Another cloud
// is a choice behind "Other clouds"; a code on another device is the fallback when no browser
// opens. Where the organisation set sign-in up (a policy) it says so and offers only that; a
// build without its own application says so plainly and points to the IT setup.
import { useState } from "react";
import {
  Button,
  Menu,
  MenuItemRadio,
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
import { Building20Regular, ChevronDown16Regular, PersonKey20Regular } from "@fluentui/react-icons";
import { useQuery } from "@tanstack/react-query";
import type { AccountView, CloudChoice } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys } from "../../backend/queries";
import { BrowserSignIn } from "./BrowserSignIn";
import { DeviceCodeSignIn } from "./DeviceCodeSignIn";
import { CLOUD_CHOICES } from "./words";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "10px", alignItems: "flex-start" },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  org: { display: "flex", gap: "6px", alignItems: "center", color: tokens.colorNeutralForeground2 },
});

export function NewSignIn({
  onDone,
  onItSetup,
  size = "large",
}: {
  onDone: (a: AccountView) => void;
  /// Opens "Set up by your IT department", where offered.
  onItSetup: (() => void) | null;
  size?: "medium" | "large";
}) {
  const s = useStyles();
  const b = useBackend();
  const setup = useQuery({ queryKey: keys.signInSetup, queryFn: b.signInSetup, staleTime: Infinity });
  const [picked, setPicked] = useState<CloudChoice>("global");
  const [step, setStep] = useState<"idle" | "browser" | "device">("idle");
  if (!setup.data) return <Spinner size="tiny" />;
  const d = setup.data;
  const cloud = d.fixedCloud ?? picked;
  const approval = { cloud, accountId: null };
  const finished = (a: AccountView) => {
    setStep("idle");
    onDone(a);
  };

  if (step === "browser") {
    return (
      <BrowserSignIn
        run={(job) => b.signInNew(cloud, job)}
        approval={approval}
        onDone={finished}
        onCancel={() => setStep("idle")}
        onUseCode={d.deviceCode ? () => setStep("device") : null}
      />
    );
  }
  if (step === "device") {
    return (
      <DeviceCodeSignIn
        start={() => b.startNewDeviceSignIn(cloud)}
        finish={(job) => b.finishNewDeviceSignIn(job)}
        approval={approval}
        onDone={finished}
        onCancel={() => setStep("idle")}
      />
    );
  }
  if (!d.ready) {
    return (
      <div className={s.box} data-testid="sign-in-unavailable">
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{d.problem}</MessageBarBody>
        </MessageBar>
        {d.itSetup && onItSetup ? (
          <Button onClick={onItSetup} data-testid="open-it-setup">
            Set up by your IT department
          </Button>
        ) : null}
      </div>
    );
  }
  const other = CLOUD_CHOICES.find((c) => c.kind === cloud);
  return (
    <div className={s.box}>
      {d.byOrganisation ? (
        <Text className={s.org} data-testid="by-organisation">
          <Building20Regular /> Set up by your organisation
        </Text>
      ) : null}
      <Button
        appearance="primary"
        size={size}
        icon={<PersonKey20Regular />}
        onClick={() => setStep(d.browser ? "browser" : "device")}
        data-testid="sign-in-microsoft"
      >
        {d.browser ? "Sign in with Microsoft" : "Sign in with a code"}
      </Button>
      <Text size={200} className={s.muted}>
        {d.browser
          ? "Your browser opens Microsoft's sign-in page: use your work account. Nothing to type here."
          : "Your organisation asks you to sign in on another device, with a code shown here."}
      </Text>
      {d.fixedCloud ? null : (
        <div className={s.row}>
          {cloud !== "global" ? (
            <Text size={200} data-testid="cloud-picked">
              Signing in to: {other?.label}
            </Text>
          ) : null}
          <Menu checkedValues={{ cloud: [cloud] }} onCheckedValueChange={(_, v) => setPicked((v.checkedItems[0] as CloudChoice) ?? "global")}>
            <MenuTrigger disableButtonEnhancement>
              <Button appearance="transparent" size="small" icon={<ChevronDown16Regular />} iconPosition="after" data-testid="other-clouds">
                Other clouds
              </Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {CLOUD_CHOICES.map((c) => (
                  <MenuItemRadio key={c.kind} name="cloud" value={c.kind} data-testid={`cloud-choice-${c.kind}`}>
                    {c.label}
                  </MenuItemRadio>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        </div>
      )}
    </div>
  );
}
