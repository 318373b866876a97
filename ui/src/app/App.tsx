// The frame: header, navigation and the screen the route names. With no account yet the app
// opens on the welcome screen; afterwards where the person left it.
import { useEffect, useMemo, useRef, useState } from "react";
import { FluentProvider, Spinner, Toaster, makeStyles, tokens } from "@fluentui/react-components";
import { toUiError } from "../backend";
import { useAppInfo, useUpdateSettings } from "../backend/queries";
import { ErrorBar } from "../components/ErrorBar";
import { AccountsScreen } from "../features/accounts/AccountsScreen";
import { DownloadsScreen } from "../features/downloads/DownloadsScreen";
import { ExploreScreen } from "../features/explore/ExploreScreen";
import { HomeScreen } from "../features/home/HomeScreen";
import { ReportsScreen } from "../features/reports/ReportsScreen";
import { SettingsScreen } from "../features/settings/SettingsScreen";
import { WelcomeScreen } from "../features/welcome/WelcomeScreen";
import { AppContext, type AppContextValue } from "./context";
import { ALL_ACCOUNTS, allAccounts, offersAll } from "./allAccounts";
import { Header } from "./Header";
import { HealthBanner } from "./HealthBanner";
import { Nav } from "./Nav";
import { parseHash, routeToHash, useRoute, type Route } from "./router";
import { useResolvedTheme } from "./theme";
import { TOASTER } from "./toaster";


const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", height: "100vh", background: tokens.colorNeutralBackground2 },
  body: { display: "flex", flex: 1, minHeight: 0 },
  column: { flex: 1, display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0 },
  main: { flex: 1, overflow: "auto", padding: "20px 24px", minWidth: 0 },
  center: { display: "flex", justifyContent: "center", alignItems: "center", height: "100vh" },
  // Notes sit low in the navigation column, as wide as it, where they cover no chart or table.
  toaster: { width: "196px" },
});

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case "welcome":
      return <WelcomeScreen />;
    case "home":
      return <HomeScreen />;
    case "explore":
      return <ExploreScreen />;
    case "reports":
      return <ReportsScreen />;
    case "downloads":
      return <DownloadsScreen />;
    case "accounts":
      return <AccountsScreen />;
    case "settings":
      return <SettingsScreen />;
  }
}

export function App() {
  const s = useStyles();
  const info = useAppInfo();
  const [route, go] = useRoute();
  const [collapsed, setCollapsed] = useState(false);
  const { dark, fluent } = useResolvedTheme(info.data?.settings.theme);
  const saveRoute = useUpdateSettings();
  const saved = useRef<string | null>(null);
  // Where each place was left, so the navigation goes back there (Explore keeps its question).
  const lastPlace = useRef<Partial<Record<Route["screen"], Route>>>({});

  const accounts = useMemo(() => info.data?.accounts ?? [], [info.data]);
  // No account yet: the welcome screen, or Accounts when the person chose to sign in.
  const firstRun = info.data !== undefined && accounts.length === 0;
  const effective: Route | null = useMemo(() => {
    if (!info.data) return null;
    if (firstRun) return route?.screen === "accounts" ? route : { screen: "welcome" };
    if (route && route.screen !== "welcome") return route;
    const last = info.data.settings.lastRoute ? parseHash(info.data.settings.lastRoute) : null;
    return last && last.screen !== "welcome" ? last : { screen: "home" };
  }, [info.data, firstRun, route]);

  // Reopen where the person left off: remember each place (not the welcome screen).
  useEffect(() => {
    if (effective) lastPlace.current[effective.screen] = effective;
  }, [effective]);
  useEffect(() => {
    if (!effective || effective.screen === "welcome") return;
    const hash = routeToHash(effective);
    if (hash === saved.current) return;
    saved.current = hash;
    const t = setTimeout(() => saveRoute.mutate({ lastRoute: hash }), 400);
    return () => clearTimeout(t);
  }, [effective, saveRoute]);

  const account = useMemo(() => {
    const id = effective?.account ?? info.data?.settings.defaultAccount;
    if (id === ALL_ACCOUNTS && offersAll(accounts)) return allAccounts(accounts);
    return accounts.find((a) => a.id === id) ?? accounts.find((a) => a.isDefault) ?? accounts[0] ?? null;
  }, [accounts, effective, info.data]);

  if (info.isPending) {
    return (
      <FluentProvider theme={fluent}>
        <div className={s.center}>
          <Spinner label="Starting Partner Lens…" />
        </div>
      </FluentProvider>
    );
  }
  if (info.error || !effective || !info.data) {
    return (
      <FluentProvider theme={fluent}>
        <div className={s.main}>
          <ErrorBar error={toUiError(info.error)} onRetry={() => info.refetch()} />
        </div>
      </FluentProvider>
    );
  }
  const ctx: AppContextValue = { info: info.data, route: effective, go, account, dark };
  return (
    <FluentProvider theme={fluent} style={{ height: "100vh" }}>
      <AppContext.Provider value={ctx}>
        <div className={s.root} data-theme={dark ? "dark" : "light"}>
          <Header
            accounts={accounts}
            account={account}
            onAccount={(id) => go({ ...effective, account: id, view: effective.view })}
          />
          <div className={s.body}>
            {effective.screen === "welcome" ? null : (
              <Nav
                current={effective.screen}
                collapsed={collapsed}
                onToggle={() => setCollapsed((c) => !c)}
                onGo={(screen) => go({ ...(lastPlace.current[screen] ?? { screen }), account: account?.id })}
              />
            )}
            <div className={s.column}>
              {effective.screen === "accounts" || effective.screen === "welcome" ? null : <HealthBanner accounts={accounts} onAccounts={() => go({ screen: "accounts", account: account?.id })} />}
              <main className={s.main} data-testid={`screen-${effective.screen}`}>
                <Screen route={effective} />
              </main>
            </div>
          </div>
        </div>
        <Toaster toasterId={TOASTER} position="bottom-start" offset={{ horizontal: 6, vertical: 12 }} className={s.toaster} pauseOnHover />
      </AppContext.Provider>
    </FluentProvider>
  );
}
