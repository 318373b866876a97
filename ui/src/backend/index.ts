// The window's only door to Rust. Components call `backend.*`; tests replace this module.
// Results come back as values or as thrown UiError objects (never raw strings).
import { Channel } from "@tauri-apps/api/core";
import { commands } from "./bindings";
import type { DatasetId, LoadProgress, Question, ServiceError } from "./bindings";
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

export const backend = {
  appInfo: () => plain(commands.appInfo()),
  datasetInfo: (dataset: DatasetId) => plain(commands.datasetInfo(dataset)),
  openCached: (accountId: string, dataset: DatasetId) => unwrap(commands.openCached(accountId, dataset)),
  loadDataset: (accountId: string, dataset: DatasetId, jobId: string, onProgress: (p: LoadProgress) => void) => {
    const channel = new Channel<LoadProgress>();
    channel.onmessage = onProgress;
    return unwrap(commands.loadDataset(accountId, dataset, jobId, channel));
  },
  cancelJob: (jobId: string) => plain(commands.cancelJob(jobId)),
  ask: (accountId: string, dataset: DatasetId, question: Question) => unwrap(commands.ask(accountId, dataset, question)),
};

export type Backend = typeof backend;
