// The window's only door to Rust. Components call `backend.*` (through the hooks in
// ./queries); tests hand the app a typed mock of the same shape (src/test/mockBackend.ts).
// Results come back as values or as thrown UiError objects (never raw strings).
import { Channel } from "@tauri-apps/api/core";
import { commands } from "./bindings";
import type {
  CloudChoice,
  DatasetId,
  DrillPoint,
  ExportSource,
  FilterChip,
  LoadProgress,
  LocalSchedule,
  ReportQuery,
  ScheduleSpec,
  NewAccount,
  RefreshProgress,
  RowsQuery,
  ServiceError,
  SettingsChange,
  View,
} from "./bindings";
import { toUiError } from "./errors";

export type * from "./bindings";
export { describeError, toUiError, type UiError } from "./errors";

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ServiceError };

async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await call;
  } catch (e) {
    // Framework failures (an unknown command, a denied permission) arrive as strings.
    throw toUiError(e);
  }
  if (r.status === "error") throw r.error;
  return r.data;
}

async function plain<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    throw toUiError(e);
  }
}

export const tauriBackend = {
  appInfo: () => unwrap(commands.appInfo()),
  startSample: () => unwrap(commands.startSample()),
  updateSettings: (change: SettingsChange) => unwrap(commands.updateSettings(change)),
  clearCache: () => unwrap(commands.clearCache()),
  licences: () => plain(commands.licences()),
  listAccounts: () => unwrap(commands.listAccounts()),
  checkAccount: (accountId: string) => unwrap(commands.checkAccount(accountId)),
  addAccount: (account: NewAccount, secret: string | null, certificatePath: string | null, certificatePassword: string | null) =>
    unwrap(commands.addAccount(account, secret, certificatePath, certificatePassword)),
  chooseCertificateFile: () => unwrap(commands.chooseCertificateFile()),
  signInBrowser: (accountId: string, jobId: string) => unwrap(commands.signInBrowser(accountId, jobId)),
  startDeviceSignIn: (accountId: string) => unwrap(commands.startDeviceSignIn(accountId)),
  finishDeviceSignIn: (accountId: string, jobId: string) => unwrap(commands.finishDeviceSignIn(accountId, jobId)),
  openLink: (url: string) => unwrap(commands.openLink(url)),
  signInPassword: (accountId: string, password: string) => unwrap(commands.signInPassword(accountId, password)),
  setAppCredential: (accountId: string, secret: string | null, certificatePath: string | null, certificatePassword: string | null) =>
    unwrap(commands.setAppCredential(accountId, secret, certificatePath, certificatePassword)),
  renameAccount: (accountId: string, name: string) => unwrap(commands.renameAccount(accountId, name)),
  makeDefaultAccount: (accountId: string) => unwrap(commands.makeDefaultAccount(accountId)),
  signOut: (accountId: string) => unwrap(commands.signOut(accountId)),
  removeAccount: (accountId: string) => unwrap(commands.removeAccount(accountId)),
  signInSetup: () => plain(commands.signInSetup()),
  signInNew: (cloud: CloudChoice, jobId: string) => unwrap(commands.signInNew(cloud, jobId)),
  startNewDeviceSignIn: (cloud: CloudChoice) => unwrap(commands.startNewDeviceSignIn(cloud)),
  finishNewDeviceSignIn: (jobId: string) => unwrap(commands.finishNewDeviceSignIn(jobId)),
  adminConsentLink: (cloud: CloudChoice, accountId: string | null) => unwrap(commands.adminConsentLink(cloud, accountId)),
  home: (accountId: string, today: string) => unwrap(commands.home(accountId, today)),
  homeTiles: (accountId: string, today: string) => unwrap(commands.homeTiles(accountId, today)),
  snapshotDays: (accountId: string, dataset: DatasetId) => plain(commands.snapshotDays(accountId, dataset)),
  refreshAll: (accountId: string, fetchAll: boolean, jobId: string, onProgress: (p: RefreshProgress) => void) => {
    const channel = new Channel<RefreshProgress>();
    channel.onmessage = onProgress;
    return unwrap(commands.refreshAll(accountId, fetchAll, jobId, channel));
  },
  datasetInfo: (dataset: DatasetId, allAccounts: boolean) => plain(commands.datasetInfo(dataset, allAccounts)),
  compileFilters: (dataset: DatasetId, chips: FilterChip[], today: string) =>
    unwrap(commands.compileFilters(dataset, chips, today)),
  parseFilterText: (dataset: DatasetId, text: string) => unwrap(commands.parseFilterText(dataset, text)),
  tableStatus: (accountId: string, dataset: DatasetId, serviceFilter: string | null) =>
    unwrap(commands.tableStatus(accountId, dataset, serviceFilter)),
  loadDataset: (
    accountId: string,
    dataset: DatasetId,
    serviceFilter: string | null,
    jobId: string,
    onProgress: (p: LoadProgress) => void,
  ) => {
    const channel = new Channel<LoadProgress>();
    channel.onmessage = onProgress;
    return unwrap(commands.loadDataset(accountId, dataset, serviceFilter, jobId, channel));
  },
  cancelJob: (jobId: string) => plain(commands.cancelJob(jobId)),
  explore: (accountId: string, view: View, today: string) => unwrap(commands.explore(accountId, view, today)),
  rows: (accountId: string, view: View, query: RowsQuery, today: string, offset: number, limit: number) =>
    unwrap(commands.rows(accountId, view, query, today, offset, limit)),
  fieldValues: (accountId: string, dataset: DatasetId, serviceFilter: string | null, field: string, search: string | null) =>
    unwrap(commands.fieldValues(accountId, dataset, serviceFilter, field, search)),
  drill: (view: View, point: DrillPoint) => unwrap(commands.drill(view, point)),
  listViews: () => unwrap(commands.listViews()),
  saveView: (name: string, view: View) => unwrap(commands.saveView(name, view)),
  deleteView: (name: string) => unwrap(commands.deleteView(name)),
  chooseSavePath: (suggestedName: string, kind: "csv" | "xlsx" | "png" | "svg") =>
    unwrap(commands.chooseSavePath(suggestedName, kind)),
  exportView: (accountId: string, view: View, source: ExportSource, today: string, path: string) =>
    unwrap(commands.exportView(accountId, view, source, today, path)),
  savePicture: (path: string, data: string) => unwrap(commands.savePicture(path, data)),
  openPath: (path: string) => unwrap(commands.openPath(path)),
  showInFolder: (path: string) => unwrap(commands.showInFolder(path)),
  reportCatalogue: (accountId: string, refresh: boolean) => unwrap(commands.reportCatalogue(accountId, refresh)),
  buildReportQuery: (accountId: string, query: ReportQuery) => plain(commands.buildReportQuery(accountId, query)),
  previewReport: (accountId: string, query: ReportQuery) => unwrap(commands.previewReport(accountId, query)),
  previewQuery: (accountId: string, queryId: string) => unwrap(commands.previewQuery(accountId, queryId)),
  createReportFromQuery: (accountId: string, name: string, queryId: string, spec: ScheduleSpec) =>
    unwrap(commands.createReportFromQuery(accountId, name, queryId, spec)),
  planReportSchedule: (accountId: string, dataset: string, spec: ScheduleSpec) =>
    unwrap(commands.planReportSchedule(accountId, dataset, spec)),
  listReports: (accountId: string) => unwrap(commands.listReports(accountId)),
  createReport: (accountId: string, name: string, query: ReportQuery, spec: ScheduleSpec) =>
    unwrap(commands.createReport(accountId, name, query, spec)),
  updateReport: (accountId: string, reportId: string, name: string, spec: ScheduleSpec) =>
    unwrap(commands.updateReport(accountId, reportId, name, spec)),
  pauseReport: (accountId: string, reportId: string) => unwrap(commands.pauseReport(accountId, reportId)),
  resumeReport: (accountId: string, reportId: string) => unwrap(commands.resumeReport(accountId, reportId)),
  deleteReport: (accountId: string, reportId: string) => unwrap(commands.deleteReport(accountId, reportId)),
  listDownloads: () => unwrap(commands.listDownloads()),
  checkDownloadsNow: () => plain(commands.checkDownloadsNow()),
  retryDownload: (id: string) => unwrap(commands.retryDownload(id)),
  openDownload: (id: string) => unwrap(commands.openDownload(id)),
  showDownload: (id: string) => unwrap(commands.showDownload(id)),
  downloadInfo: (id: string) => unwrap(commands.downloadInfo(id)),
  downloadValues: (id: string, field: string, search: string | null) => unwrap(commands.downloadValues(id, field, search)),
  compileDownloadFilters: (id: string, chips: FilterChip[], today: string) =>
    unwrap(commands.compileDownloadFilters(id, chips, today)),
  listSchedules: () => unwrap(commands.listSchedules()),
  saveSchedule: (schedule: LocalSchedule) => unwrap(commands.saveSchedule(schedule)),
  deleteSchedule: (name: string) => unwrap(commands.deleteSchedule(name)),
  runScheduleNow: (name: string) => unwrap(commands.runScheduleNow(name)),
  scheduleHistory: (name: string | null) => unwrap(commands.scheduleHistory(name)),
  chooseFolder: () => unwrap(commands.chooseFolder()),
  setStartAtLogin: (on: boolean) => unwrap(commands.setStartAtLogin(on)),
};

export type Backend = typeof tauriBackend;
