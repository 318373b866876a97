// Settings: the theme, where data and logs are kept (with Open folder and Clear cache), the
// version and the open-source licences.
import { useEffect, useState } from "react";
import {
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Radio,
  RadioGroup,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DocumentText20Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { Theme } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useDownloads, useUpdateSettings } from "../../backend/queries";
import { useApp } from "../../app/context";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { formatBytes, formatDateTime } from "../../lib/format";
import { LicencesDialog } from "./LicencesDialog";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "760px" },
  card: { padding: "16px", gap: "12px" },
  row: { display: "flex", gap: "12px", alignItems: "center", flexWrap: "wrap" },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all", flex: 1, minWidth: "200px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function SettingsScreen() {
  const s = useStyles();
  const { info } = useApp();
  const b = useBackend();
  const qc = useQueryClient();
  const update = useUpdateSettings();
  const [freed, setFreed] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  // The cache's size as it is now, not as it was when the app started.
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: keys.appInfo });
  }, [qc]);

  const clear = async () => {
    setConfirm(false);
    try {
      setFreed((await b.clearCache()) ?? 0);
      qc.removeQueries({ queryKey: ["tableStatus"] });
      qc.removeQueries({ queryKey: ["explore"] });
      await qc.invalidateQueries({ queryKey: keys.appInfo });
    } catch (e) {
      setError(e);
    }
  };
  const open = (path: string) => b.openPath(path).catch(setError);
  const library = useDownloads().data?.library ?? null;
  const moveLibrary = async () => {
    try {
      const dir = await b.chooseFolder();
      if (!dir) return;
      await update.mutateAsync({ libraryDir: dir });
      await qc.invalidateQueries({ queryKey: keys.downloads });
    } catch (e) {
      setError(e);
    }
  };
  const startAtLogin = async (on: boolean) => {
    try {
      const settings = await b.setStartAtLogin(on);
      qc.setQueryData(keys.appInfo, (old: typeof info | undefined) => (old ? { ...old, settings } : old));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className={s.page}>
      <PageHeader title="Settings" />
      <Card className={s.card}>
        <Subtitle2 as="h2">Appearance</Subtitle2>
        <Field label="Theme">
          <RadioGroup
            layout="horizontal"
            value={info.settings.theme}
            onChange={(_, d) => update.mutate({ theme: d.value as Theme })}
            data-testid="theme"
          >
            <Radio value="light" label="Light" data-testid="theme-light" />
            <Radio value="dark" label="Dark" data-testid="theme-dark" />
            <Radio value="system" label="As the system" data-testid="theme-system" />
          </RadioGroup>
        </Field>
      </Card>
      <Card className={s.card}>
        <Subtitle2 as="h2">Data on this computer</Subtitle2>
        <div className={s.row}>
          <Text weight="semibold">Data</Text>
          <Text className={s.path}>{info.dataDir}</Text>
          <Button icon={<FolderOpen20Regular />} onClick={() => open(info.dataDir)}>
            Open folder
          </Button>
        </div>
        <div className={s.row}>
          <Text weight="semibold">Logs</Text>
          <Text className={s.path}>{info.logsDir}</Text>
          <Button icon={<FolderOpen20Regular />} onClick={() => open(info.logsDir)}>
            Open folder
          </Button>
        </div>
        {info.lastCrash && (
          <div className={s.row} data-testid="last-crash">
            <Text>
              Partner Lens stopped unexpectedly on {crashTime(info.lastCrash.when)}. A report was saved in the logs folder; it
              holds no data or passwords, so you can send it to support.
            </Text>
            <Button icon={<DocumentText20Regular />} onClick={() => open(info.lastCrash!.path)} data-testid="open-crash">
              Open report
            </Button>
          </div>
        )}
        <div className={s.row}>
          <Text>
            Fetched data saved for quick opening and offline use: <strong>{formatBytes(info.cacheBytes ?? 0)}</strong>
          </Text>
          <Dialog open={confirm} onOpenChange={(_, d) => setConfirm(d.open)}>
            <DialogTrigger disableButtonEnhancement>
              <Button data-testid="clear-cache">Clear cache</Button>
            </DialogTrigger>
            <DialogSurface>
              <DialogBody>
                <DialogTitle>Clear the saved data?</DialogTitle>
                <DialogContent>
                  This removes {formatBytes(info.cacheBytes ?? 0)} of fetched data saved on this computer. Your accounts,
                  sign-ins, saved views, settings and report files are kept. Data is fetched again the next time you
                  open it, which needs a connection.
                </DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button>Keep it</Button>
                  </DialogTrigger>
                  <Button appearance="primary" onClick={clear} data-testid="confirm-clear">
                    Clear cache
                  </Button>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
        </div>
        {freed !== null ? <Text className={s.muted}>Cleared {formatBytes(freed)}.</Text> : null}
        {info.keyringNote ? <Text className={s.muted}>{info.keyringNote}</Text> : null}
      </Card>
      <Card className={s.card} data-testid="settings-reports">
        <Subtitle2 as="h2">Reports and schedules</Subtitle2>
        <div className={s.row}>
          <Text weight="semibold">Report files go to</Text>
          <Text className={s.path}>{library ?? "…"}</Text>
          <Button onClick={() => void moveLibrary()}>Change…</Button>
          {library ? (
            <Button icon={<FolderOpen20Regular />} onClick={() => open(library)}>
              Open folder
            </Button>
          ) : null}
        </div>
        <Switch
          label="Start Partner Lens when I sign in to my computer, so reports download and schedules run"
          checked={!!info.settings.startAtLogin}
          onChange={(_, d) => void startAtLogin(d.checked)}
          data-testid="start-at-login"
        />
        <Switch
          label="Pause all schedules on this computer"
          checked={!!info.settings.schedulesPaused}
          onChange={(_, d) => update.mutate({ schedulesPaused: d.checked })}
        />
        <Text className={s.muted}>
          Closing the window keeps Partner Lens in the tray, where downloads and schedules go on. Quit it from the tray icon&apos;s menu.
        </Text>
      </Card>
      <Card className={s.card}>
        <Subtitle2 as="h2">About</Subtitle2>
        <Text>Partner Lens {info.version}, under the MIT licence.</Text>
        <div className={s.row}>
          <LicencesDialog />
        </div>
      </Card>
      {error ? <ErrorBar error={error as never} /> : null}
    </div>
  );
}

/// The report's local time ("2026-11-20 09:30:00") as dates are shown elsewhere. Formatted as if
/// UTC so the clock time stays the one the report was written at.
function crashTime(when: string): string {
  return formatDateTime(`${when.replace(" ", "T")}Z`);
}
