// Downloads: every report file that arrived by itself, newest first, with its report, account,
// time, rows and size; Open (Excel for most), Show in folder, Open in Explore. A failed run is
// listed as failed, in plain words, with Retry.
import { useState } from "react";
import {
  Badge,
  Button,
  Card,
  SearchBox,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload24Regular, ArrowSync20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import type { ReportFile } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useDownloads } from "../../backend/queries";
import { useApp } from "../../app/context";
import { ScreenReaderText } from "../../components/ScreenReaderText";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { formatBytes, formatNumber, formatStamp } from "../../lib/format";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "1400px", margin: "0 auto" },
  card: { padding: "16px", gap: "12px" },
  top: { display: "flex", gap: "12px", alignItems: "center", flexWrap: "wrap", justifyContent: "space-between" },
  muted: { color: tokens.colorNeutralForeground3 },
  path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
  actions: { display: "flex", gap: "4px", flexWrap: "nowrap" },
  actionsHead: { width: "340px" },
  num: { textAlign: "right", whiteSpace: "nowrap" },
  numHead: { width: "110px", "& > *": { justifyContent: "flex-end", width: "100%" } },
  when: { whiteSpace: "nowrap" },
  failed: { color: tokens.colorPaletteRedForeground1 },
  badges: { display: "inline-flex", gap: "4px", flexWrap: "wrap", verticalAlign: "middle" },
  badge: { whiteSpace: "nowrap" },
});

export function DownloadsScreen() {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const { go, account } = useApp();
  const list = useDownloads();
  const [search, setSearch] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    }
  };
  const retry = async (f: ReportFile) => {
    setRetrying(f.id);
    await act(() => b.retryDownload(f.id));
    setRetrying(null);
    await qc.invalidateQueries({ queryKey: keys.downloads });
  };
  const explore = (f: ReportFile) =>
    void qc
      .fetchQuery({ queryKey: keys.fileInfo(f.id), queryFn: () => b.downloadInfo(f.id), staleTime: Infinity })
      .then((info) => go({ screen: "explore", account: account?.id, view: info.defaultView }))
      .catch(setError);
  const q = search.trim().toLowerCase();
  const files = (list.data?.files ?? []).filter((f) => !q || f.reportName.toLowerCase().includes(q) || f.accountName.toLowerCase().includes(q));

  return (
    <div className={s.page}>
      <PageHeader
        title="Downloads"
        subtitle={list.data ? <>Report files on this computer, in <span className={s.path}>{list.data.library}</span></> : "Report files on this computer"}
        actions={
          <Button icon={<ArrowSync20Regular />} onClick={() => void b.checkDownloadsNow()} data-testid="check-downloads">
            Check now
          </Button>
        }
      />
      {error ? <ErrorBar error={toUiError(error)} /> : null}
      {list.isLoading ? <Spinner label="Opening…" /> : null}
      {list.data && list.data.files.length === 0 ? (
        <EmptyState icon={<ArrowDownload24Regular />} title="No report files yet" testId="no-downloads">
          When a scheduled report runs on Partner Center, its file is downloaded here by itself, before its link expires, even
          while the window is closed. Build one in Reports.
        </EmptyState>
      ) : null}
      {list.data && list.data.files.length > 0 ? (
        <Card className={s.card}>
          <div className={s.top}>
            <Text className={s.muted} data-testid="downloads-count">
              {formatNumber(files.length)} {files.length === 1 ? "file" : "files"}
            </Text>
            <SearchBox placeholder="Find a report or account" value={search} onChange={(_, d) => setSearch(d.value)} aria-label="Find a file" />
          </div>
          <Table aria-label="Downloaded report files" data-testid="downloads-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Report</TableHeaderCell>
                <TableHeaderCell>Account</TableHeaderCell>
                <TableHeaderCell>Made</TableHeaderCell>
                <TableHeaderCell className={s.numHead}>Rows</TableHeaderCell>
                <TableHeaderCell className={s.numHead}>Size</TableHeaderCell>
                <TableHeaderCell className={s.actionsHead}><ScreenReaderText>Actions</ScreenReaderText></TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {files.map((f) => (
                <TableRow key={f.id} data-testid={`download-${f.reportName}`}>
                  <TableCell>
                    <Text weight="semibold">{f.reportName}</Text>{" "}
                    <span className={s.badges}>
                      {f.status === "failed" ? (
                        <Badge appearance="tint" color="danger" className={s.badge}>
                          Failed
                        </Badge>
                      ) : (
                        <Badge appearance="tint" color="informative" className={s.badge}>
                          {f.format.toUpperCase()}
                        </Badge>
                      )}
                      {f.hiddenColumns.length ? (
                        <Badge
                          appearance="tint"
                          color="warning"
                          className={s.badge}
                          title="Partner Center hid the revenue in this file: it shows revenue only to people with the Executive report viewer role."
                          data-testid="download-revenue-hidden"
                        >
                          Revenue hidden
                        </Badge>
                      ) : null}
                    </span>
                    {f.status === "failed" ? (
                      <Text as="p" size={200} className={s.failed}>
                        {f.error}
                      </Text>
                    ) : null}
                  </TableCell>
                  <TableCell>{f.accountName}</TableCell>
                  <TableCell className={s.when}>{formatStamp(f.generatedAt ?? f.recordedAt)}</TableCell>
                  <TableCell className={s.num}>{f.rows !== null ? formatNumber(f.rows) : "–"}</TableCell>
                  <TableCell className={s.num}>{f.bytes !== null ? formatBytes(f.bytes) : "–"}</TableCell>
                  <TableCell>
                    {f.status === "downloaded" ? (
                      <div className={s.actions}>
                        <Button size="small" onClick={() => void act(() => b.openDownload(f.id))} data-testid="download-open">
                          Open
                        </Button>
                        <Button size="small" onClick={() => void act(() => b.showDownload(f.id))}>
                          Show in folder
                        </Button>
                        <Button size="small" appearance="primary" onClick={() => explore(f)} data-testid="download-explore">
                          Open in Explore
                        </Button>
                      </div>
                    ) : (
                      <Button size="small" disabled={retrying === f.id} onClick={() => void retry(f)} data-testid="download-retry">
                        {retrying === f.id ? "Trying…" : "Retry"}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
