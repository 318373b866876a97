// Home, for one account or all: what changed since the last visit, a tile per data set with its
// headline figure, the biggest movers in a sentence each, the renewal radar and the saved
// views. Made from the copies of the data at hand; Refresh fetches them all again.
import { Button, Card, ProgressBar, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, Dismiss20Regular, History20Regular } from "@fluentui/react-icons";
import type { View } from "../../backend";
import { toUiError } from "../../backend";
import { useHome, useHomeTiles } from "../../backend/queries";
import { ALL_ACCOUNTS } from "../../app/allAccounts";
import { useApp } from "../../app/context";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar, NoteBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { useSaveToFile } from "../../components/useSaveToFile";
import { formatNumber, lastCompleteMonth, today as todayIso } from "../../lib/format";
import { SavedViewsList } from "../explore/SavedViewsList";
import { Highlights } from "./Highlights";
import { refreshFraction } from "./progress";
import { RenewalRadar } from "./RenewalRadar";
import { Tiles } from "./Tiles";
import { useHomeTables } from "./useHomeTables";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1400px", margin: "0 auto" },
  grid: { display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(300px, 2fr)", gap: "16px", alignItems: "start" },
  column: { display: "flex", flexDirection: "column", gap: "16px", minWidth: 0 },
  card: { padding: "16px", gap: "10px" },
  since: { display: "flex", alignItems: "center", gap: "8px", padding: "10px 14px" },
  progress: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
  bar: { flex: 1, minWidth: "200px", maxWidth: "360px" },
  muted: { color: tokens.colorNeutralForeground3 },
  center: { display: "flex", justifyContent: "center", padding: "40px" },
});

export function HomeScreen() {
  const s = useStyles();
  const { account, go, info } = useApp();
  const today = todayIso();
  const tables = useHomeTables(account?.id ?? null);
  const home = useHome(account?.id ?? "", today, tables.stamp);
  // The first fetch of an account's data sets can take a while: the tiles come first, from
  // Partner Center's monthly totals (a few grouped rows each).
  const firstFetch = tables.busy && !tables.results && !!account && account.id !== ALL_ACCOUNTS;
  const early = useHomeTiles(account?.id ?? "", today, firstFetch);
  const save = useSaveToFile();
  if (!account) return <EmptyState title="No account yet">Add an account or try the sample data to see Home.</EmptyState>;

  const open = (view: View) => go({ screen: "explore", account: account.id, view });
  const title = (d: string) => info.datasets.find((x) => x.id === d)?.title ?? d;
  const failures = (tables.results ?? []).filter((r) => r.error);
  const h = home.data;
  const p = tables.progress;

  return (
    <div className={s.page}>
      <PageHeader
        title="Home"
        subtitle={
          h
            ? `${account.name} · ${h.period}, the last complete month`
            : early.data?.length
              ? `${account.name} · ${lastCompleteMonth(today)}, the last complete month`
              : account.name
        }
        actions={
          tables.busy ? (
            <Button icon={<Dismiss20Regular />} onClick={tables.cancel}>
              Cancel
            </Button>
          ) : (
            <Button icon={<ArrowClockwise20Regular />} onClick={tables.refresh} data-testid="home-refresh">
              Refresh all
            </Button>
          )
        }
      />
      {/* Its own line under the title, so neither the subtitle nor the progress is squeezed. */}
      {tables.busy ? (
        <div className={s.progress} role="status" data-testid="home-fetching">
          <Text>
            {p
              ? `Fetching ${title(p.dataset).toLowerCase()} (${p.step} of ${p.steps}): ${formatNumber(p.load.rows)} rows`
              : "Getting the data ready…"}
          </Text>
          <ProgressBar className={s.bar} value={p ? refreshFraction(p) : undefined} aria-label="Fetching the data sets" />
        </div>
      ) : null}
      {tables.error ? <ErrorBar error={tables.error} onRetry={tables.refresh} /> : null}
      {/* One line per reason: an indirect reseller's five refusals say the same thing. */}
      {[...new Set(failures.map((f) => f.error?.message ?? ""))].map((message) => (
        <NoteBar
          key={message}
          text={`${failures
            .filter((f) => (f.error?.message ?? "") === message)
            .map((f) => title(f.dataset))
            .join(", ")}: ${message}`}
        />
      ))}
      {account.revenueHidden ? (
        <NoteBar
          intent="info"
          testId="revenue-hidden"
          text="Revenue is hidden for you: Partner Center shows it only to people with the Executive report viewer role. Ask your Partner Center admin for it; report files and Explore say Hidden where it would be."
        />
      ) : null}
      {home.error ? <ErrorBar error={toUiError(home.error)} onRetry={() => void home.refetch()} /> : null}
      {h?.sinceLastVisit ? (
        <Card className={s.since} appearance="filled-alternative" data-testid="since-last-visit">
          <History20Regular aria-hidden="true" />
          <Text>{h.sinceLastVisit}</Text>
        </Card>
      ) : null}
      {!h ? (
        home.error ? null : (
          <>
            {early.data?.length && !tables.results ? (
              <>
                <Tiles tiles={early.data} ready={false} onOpen={(t) => open(t.view)} />
                <Text className={s.muted} data-testid="early-tiles-note">
                  These figures are Partner Center&apos;s own monthly totals. Highlights and the renewal radar follow once the
                  data is fetched.
                </Text>
              </>
            ) : null}
            <div className={s.center}>
              <Spinner label="Working out what changed…" />
            </div>
          </>
        )
      ) : (
        <>
          {h.tiles.length ? (
            <Tiles tiles={h.tiles} ready={!home.isPlaceholderData && !tables.busy} onOpen={(t) => open(t.view)} />
          ) : (
            <EmptyState title="No data yet">Refresh to fetch the data sets from Partner Center.</EmptyState>
          )}
          <div className={s.grid}>
            <div className={s.column}>
              <Card className={s.card}>
                <Text weight="semibold" as="h2" size={400}>
                  Highlights of {h.period}
                </Text>
                <Highlights items={h.highlights} onOpen={(x) => open(x.view)} />
              </Card>
              {h.renewals ? (
                <Card className={s.card}>
                  <Text weight="semibold" as="h2" size={400}>
                    Renewal radar
                  </Text>
                  <RenewalRadar
                    renewals={h.renewals}
                    onOpen={open}
                    onExport={(v, name) => void save.table(account.id, v, { kind: "rows", query: {}, columns: [] }, today, `${name} ${today}`, "xlsx")}
                  />
                </Card>
              ) : null}
            </div>
            <Card className={s.card}>
              <Text weight="semibold" as="h2" size={400}>
                Saved views
              </Text>
              <SavedViewsList emptyText="Save a question in Explore and it appears here." />
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
