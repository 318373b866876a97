// The first run: two ways in. The sample data reaches a chart in one click; "Sign in with
// Microsoft" opens the browser at once and lands on Home for the account it makes.
import { useEffect } from "react";
import { Body1, Button, Card, CardHeader, Spinner, Text, Title1, makeStyles, tokens } from "@fluentui/react-components";
import { DataBarVertical24Regular, PersonKey24Regular } from "@fluentui/react-icons";
import { toUiError } from "../../backend";
import { useQueryClient } from "@tanstack/react-query";
import { keys, useStartSample } from "../../backend/queries";
import { NewSignIn } from "../accounts/NewSignIn";
import { useApp } from "../../app/context";
import { ErrorBar } from "../../components/ErrorBar";

const useStyles = makeStyles({
  page: { maxWidth: "880px", margin: "48px auto", display: "flex", flexDirection: "column", gap: "24px" },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: "640px" },
  choices: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", gap: "16px" },
  card: { padding: "20px", gap: "12px" },
  icon: { color: tokens.colorBrandForeground1 },
  note: { color: tokens.colorNeutralForeground3 },
});

export function WelcomeScreen() {
  const s = useStyles();
  const { go } = useApp();
  const start = useStartSample();
  const qc = useQueryClient();
  // When the first screen a new user sees was shown: lens-bench window measures launch from it.
  useEffect(() => {
    performance.mark("welcome-shown");
  }, []);
  return (
    <div className={s.page}>
      <Title1 as="h1">Welcome to Partner Lens</Title1>
      <Body1 className={s.lead}>
        See how your business with Microsoft is going: subscriptions, Azure usage, resellers, search and referrals,
        grouped by day, week or month, as charts and tables you can export to Excel. No code, no scripts.
      </Body1>
      <div className={s.choices}>
        <Card className={s.card}>
          <CardHeader
            image={<DataBarVertical24Regular className={s.icon} />}
            header={<Text weight="semibold">Try with sample data</Text>}
            description="A made-up partner, Contoso, with two years of data. Nothing to set up."
          />
          <Button
            appearance="primary"
            size="large"
            data-testid="try-sample"
            disabledFocusable={start.isPending}
            icon={start.isPending ? <Spinner size="tiny" /> : undefined}
            onClick={() =>
              start.mutate(undefined, { onSuccess: (a) => go({ screen: "explore", account: a.id }) })
            }
          >
            {start.isPending ? "Starting the sample…" : "Try with sample data"}
          </Button>
          <Text size={200} className={s.note}>
            Sample data is always labelled as such.
          </Text>
        </Card>
        <Card className={s.card}>
          <CardHeader
            image={<PersonKey24Regular className={s.icon} />}
            header={<Text weight="semibold">Your own Partner Center data</Text>}
            description="Sign in with the work account you use for Partner Center."
          />
          <NewSignIn
            onDone={(a) => {
              void qc.invalidateQueries({ queryKey: keys.appInfo });
              go({ screen: "home", account: a.id });
            }}
            onItSetup={() => go({ screen: "accounts" })}
          />
          <Text size={200} className={s.note}>
            Your sign-in is kept in this computer's password store, never in a file.
          </Text>
        </Card>
      </div>
      {start.error ? <ErrorBar error={toUiError(start.error)} onRetry={() => start.mutate()} /> : null}
    </div>
  );
}
