// Accounts: the Partner Center accounts Partner Lens uses (the same ones `partner-lens accounts
// list` shows). Adding and signing in comes with the accounts work.
import { Badge, Button, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DataBarVertical24Regular, PeopleTeam24Regular } from "@fluentui/react-icons";
import { useApp } from "../../app/context";
import { useStartSample } from "../../backend/queries";
import { EmptyState } from "../../components/EmptyState";
import { PageHeader } from "../../components/PageHeader";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: "8px", maxWidth: "720px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function AccountsScreen() {
  const s = useStyles();
  const { info, go } = useApp();
  const start = useStartSample();
  return (
    <>
      <PageHeader title="Accounts" subtitle="The Partner Center accounts Partner Lens reads" />
      {info.accounts.length ? (
        <div className={s.list} data-testid="account-list">
          {info.accounts.map((a) => (
            <Card key={a.id}>
              <CardHeader
                header={<Text weight="semibold">{a.name}</Text>}
                description={<Text className={s.muted}>{a.sample ? "Sample data, made up on this computer" : a.cloud}</Text>}
                action={a.sample ? <Badge color="informative">Sample data</Badge> : undefined}
              />
            </Card>
          ))}
        </div>
      ) : null}
      <EmptyState
        icon={<PeopleTeam24Regular />}
        title="Signing in to your own account"
        testId="accounts-coming"
        actions={
          info.accounts.length ? null : (
            <Button
              appearance="primary"
              icon={<DataBarVertical24Regular />}
              onClick={() => start.mutate(undefined, { onSuccess: (a) => go({ screen: "explore", account: a.id }) })}
            >
              Try with sample data meanwhile
            </Button>
          )
        }
      >
        Adding a Partner Center account here, signing in with your browser, a code or an app secret, and seeing each
        account's state comes next. Today, accounts added with the command line (partner-lens accounts add) are
        listed above.
      </EmptyState>
    </>
  );
}
