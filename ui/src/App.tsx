import { Badge, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import { backend, toUiError } from "./backend";
import { ErrorBar } from "./components/ErrorBar";
import { SubscriptionsView } from "./features/subscriptions/SubscriptionsView";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", height: "100%", background: tokens.colorNeutralBackground2 },
  header: {
    display: "flex",
    alignItems: "center",
    gap: "12px",
    height: "48px",
    padding: "0 20px",
    background: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    flexShrink: 0,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  spacer: { flex: 1 },
  main: { flex: 1, overflow: "auto", padding: "20px 24px" },
  center: { display: "flex", justifyContent: "center", padding: "48px" },
});

function LensMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden>
      <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M15 15l5 5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M7.5 12V10.5M10 12V8.5M12.5 12V7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function App() {
  const styles = useStyles();
  const info = useQuery({ queryKey: ["appInfo"], queryFn: backend.appInfo });
  const account = info.data?.accounts[0];
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <LensMark />
        <Text className={styles.brand}>Partner Lens</Text>
        <div className={styles.spacer} />
        {account ? (
          <>
            <Text>{account.name}</Text>
            {account.sample ? (
              <Badge appearance="filled" color="informative" shape="rounded" title="Synthetic data from the built-in sample server">
                Sample data
              </Badge>
            ) : null}
          </>
        ) : null}
      </header>
      <main className={styles.main}>
        {info.isPending ? (
          <div className={styles.center}>
            <Spinner label="Starting…" />
          </div>
        ) : info.error ? (
          <ErrorBar error={toUiError(info.error)} onAction={() => info.refetch()} />
        ) : account ? (
          <SubscriptionsView account={account} />
        ) : (
          <Text>No account is set up.</Text>
        )}
      </main>
    </div>
  );
}
