// The window's only door to Rust. Components call `backend.*` (through the hooks in
// ./queries); tests hand the app a typed mock of the same shape (src/test/mockBackend.ts).
// Results come back as values or as thrown UiError objects (never raw strings).
import { Channel } from "@tauri-apps/api/core";
import { commands } from "./bindings";
import { toUiError } from "./errors";
export { describeError, toUiError } from "./errors";
async function unwrap(call) {
    let r;
    try {
        r = await call;
    }
    catch (e) {
        // Framework failures (an unknown command, a denied permission) arrive as strings.
        throw toUiError(e);
    }
    if (r.status === "error")
        throw r.error;
    return r.data;
}
async function plain(call) {
    try {
        return await call;
    }
    catch (e) {
        throw toUiError(e);
    }
}
export const tauriBackend = {
    appInfo: () => unwrap(commands.appInfo()),
    startSample: () => unwrap(commands.startSample()),
    updateSettings: (change) => unwrap(commands.updateSettings(change)),
    clearCache: () => unwrap(commands.clearCache()),
    licences: () => plain(commands.licences()),
    listAccounts: () => unwrap(commands.listAccounts()),
    checkAccount: (accountId) => unwrap(commands.checkAccount(accountId)),
    addAccount: (account, secret, certificatePath, certificatePassword) => unwrap(commands.addAccount(account, secret, certificatePath, certificatePassword)),
    chooseCertificateFile: () => unwrap(commands.chooseCertificateFile()),
    signInBrowser: (accountId, jobId) => unwrap(commands.signInBrowser(accountId, jobId)),
    startDeviceSignIn: (accountId) => unwrap(commands.startDeviceSignIn(accountId)),
    finishDeviceSignIn: (accountId, jobId) => unwrap(commands.finishDeviceSignIn(accountId, jobId)),
    openLink: (url) => unwrap(commands.openLink(url)),
    signInPassword: (accountId, password) => unwrap(commands.signInPassword(accountId, password)),
    setAppCredential: (accountId, secret, certificatePath, certificatePassword) => unwrap(commands.setAppCredential(accountId, secret, certificatePath, certificatePassword)),
    renameAccount: (accountId, name) => unwrap(commands.renameAccount(accountId, name)),
    makeDefaultAccount: (accountId) => unwrap(commands.makeDefaultAccount(accountId)),
    signOut: (accountId) => unwrap(commands.signOut(accountId)),
    removeAccount: (accountId) => unwrap(commands.removeAccount(accountId)),
    home: (accountId, today) => unwrap(commands.home(accountId, today)),
    homeTiles: (accountId, today) => unwrap(commands.homeTiles(accountId, today)),
    snapshotDays: (accountId, dataset) => plain(commands.snapshotDays(accountId, dataset)),
    refreshAll: (accountId, fetchAll, jobId, onProgress) => {
        const channel = new Channel();
        channel.onmessage = onProgress;
        return unwrap(commands.refreshAll(accountId, fetchAll, jobId, channel));
    },
    datasetInfo: (dataset, allAccounts) => plain(commands.datasetInfo(dataset, allAccounts)),
    compileFilters: (dataset, chips, today) => unwrap(commands.compileFilters(dataset, chips, today)),
    parseFilterText: (dataset, text) => unwrap(commands.parseFilterText(dataset, text)),
    tableStatus: (accountId, dataset, serviceFilter) => unwrap(commands.tableStatus(accountId, dataset, serviceFilter)),
    loadDataset: (accountId, dataset, serviceFilter, jobId, onProgress) => {
        const channel = new Channel();
        channel.onmessage = onProgress;
        return unwrap(commands.loadDataset(accountId, dataset, serviceFilter, jobId, channel));
    },
    cancelJob: (jobId) => plain(commands.cancelJob(jobId)),
    explore: (accountId, view, today) => unwrap(commands.explore(accountId, view, today)),
    rows: (accountId, view, query, today, offset, limit) => unwrap(commands.rows(accountId, view, query, today, offset, limit)),
    fieldValues: (accountId, dataset, serviceFilter, field, search) => unwrap(commands.fieldValues(accountId, dataset, serviceFilter, field, search)),
    drill: (view, point) => unwrap(commands.drill(view, point)),
    listViews: () => unwrap(commands.listViews()),
    saveView: (name, view) => unwrap(commands.saveView(name, view)),
    deleteView: (name) => unwrap(commands.deleteView(name)),
    chooseSavePath: (suggestedName, kind) => unwrap(commands.chooseSavePath(suggestedName, kind)),
    exportView: (accountId, view, source, today, path) => unwrap(commands.exportView(accountId, view, source, today, path)),
    savePicture: (path, data) => unwrap(commands.savePicture(path, data)),
    openPath: (path) => unwrap(commands.openPath(path)),
    showInFolder: (path) => unwrap(commands.showInFolder(path)),
    reportCatalogue: (accountId) => unwrap(commands.reportCatalogue(accountId)),
    buildReportQuery: (query) => plain(commands.buildReportQuery(query)),
    previewReport: (accountId, query) => unwrap(commands.previewReport(accountId, query)),
    planReportSchedule: (accountId, dataset, spec) => unwrap(commands.planReportSchedule(accountId, dataset, spec)),
    listReports: (accountId) => unwrap(commands.listReports(accountId)),
    createReport: (accountId, name, query, spec) => unwrap(commands.createReport(accountId, name, query, spec)),
    updateReport: (accountId, reportId, name, spec) => unwrap(commands.updateReport(accountId, reportId, name, spec)),
    pauseReport: (accountId, reportId) => unwrap(commands.pauseReport(accountId, reportId)),
    resumeReport: (accountId, reportId) => unwrap(commands.resumeReport(accountId, reportId)),
    deleteReport: (accountId, reportId) => unwrap(commands.deleteReport(accountId, reportId)),
    listDownloads: () => unwrap(commands.listDownloads()),
    checkDownloadsNow: () => plain(commands.checkDownloadsNow()),
    retryDownload: (id) => unwrap(commands.retryDownload(id)),
    openDownload: (id) => unwrap(commands.openDownload(id)),
    showDownload: (id) => unwrap(commands.showDownload(id)),
    downloadInfo: (id) => unwrap(commands.downloadInfo(id)),
    downloadValues: (id, field, search) => unwrap(commands.downloadValues(id, field, search)),
    compileDownloadFilters: (id, chips, today) => unwrap(commands.compileDownloadFilters(id, chips, today)),
    listSchedules: () => unwrap(commands.listSchedules()),
    saveSchedule: (schedule) => unwrap(commands.saveSchedule(schedule)),
    deleteSchedule: (name) => unwrap(commands.deleteSchedule(name)),
    runScheduleNow: (name) => unwrap(commands.runScheduleNow(name)),
    scheduleHistory: (name) => unwrap(commands.scheduleHistory(name)),
    chooseFolder: () => unwrap(commands.chooseFolder()),
    setStartAtLogin: (on) => unwrap(commands.setStartAtLogin(on)),
};
