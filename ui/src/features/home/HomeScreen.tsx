// Home: the saved views, and (with the accounts work) headline figures and what changed.
import { Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DataTrending24Regular } from "@fluentui/react-icons";
import { useApp } from "../../app/context";
import { EmptyState } from "../../components/EmptyState";
import { PageHeader } from "../../components/PageHeader";
import { SavedViewsList } from "../explore/SavedViewsList";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "minmax(0, 2fr) minmax(280px, 1fr)", gap: "16px", alignItems: "start" },
  card: { padding: "16px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function HomeScreen() {
  const s = useStyles();
  const { account } = useApp();
  return (
    <>
      <PageHeader title="Home" subtitle={account ? `${account.name}` : undefined} />
      <div className={s.grid}>
        <Card className={s.card}>
          <EmptyState icon={<DataTrending24Regular />} title="Your week at a glance" testId="home-coming">
            Home will show a tile per data set with its headline figure and the change against the previous month, the
            biggest movers in one sentence each, and the subscriptions coming up for renewal. Until then, Explore has
            every figure.
          </EmptyState>
        </Card>
        <Card className={s.card}>
          <Text weight="semibold" as="h2">
            Saved views
          </Text>
          <SavedViewsList emptyText="Save a question in Explore and it appears here." />
        </Card>
      </div>
    </>
  );
}
