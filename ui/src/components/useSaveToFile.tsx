// Saving a table or a picture to a file the person picks in the system's Save dialog, then a note
// saying where it went (with Open and Show in folder), or what went wrong. Explore's Export menu
// and Home's renewal radar both save this way.
import { Link, Toast, ToastBody, ToastFooter, ToastTitle, useToastController } from "@fluentui/react-components";
import type { ExportSource, UiError, View } from "../backend";
import { describeError, toUiError } from "../backend";
import { useBackend } from "../backend/context";
import { TOASTER } from "../app/toaster";
import { formatNumber } from "../lib/format";

/// The file's own name, without its folder ("Licences.xlsx"): the folder is one click away.
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function useSaveToFile() {
  const b = useBackend();
  const { dispatchToast } = useToastController(TOASTER);

  const failed = (e: unknown) => {
    const err: UiError = toUiError(e);
    dispatchToast(
      <Toast data-testid="export-error">
        <ToastTitle>{describeError(err).title}</ToastTitle>
        <ToastBody>{err.message}</ToastBody>
      </Toast>,
      { intent: "error", timeout: 12_000 },
    );
  };
  const saved = (path: string, rows: number) =>
    dispatchToast(
      <Toast data-testid="saved-toast">
        <ToastTitle>Saved</ToastTitle>
        <ToastBody subtitle={rows ? `${formatNumber(rows)} rows` : undefined}>
          <span title={path}>{fileName(path)}</span>
        </ToastBody>
        <ToastFooter>
          <Link onClick={() => void b.openPath(path).catch(failed)}>Open</Link>
          <Link onClick={() => void b.showInFolder(path).catch(failed)}>Show in folder</Link>
        </ToastFooter>
      </Toast>,
      { intent: "success", timeout: 6_000 },
    );

  /// A view's answer or rows as Excel or CSV.
  const table = async (account: string, view: View, source: ExportSource, today: string, name: string, kind: "xlsx" | "csv") => {
    try {
      const path = await b.chooseSavePath(`${name}.${kind}`, kind);
      if (!path) return;
      const done = await b.exportView(account, view, source, today, path);
      saved(done.path, done.rows);
    } catch (e) {
      failed(e);
    }
  };
  /// A chart the window drew (a PNG data URL or SVG text).
  const picture = async (data: string | null | undefined, name: string, kind: "png" | "svg") => {
    try {
      if (!data) return;
      const path = await b.chooseSavePath(`${name}.${kind}`, kind);
      if (!path) return;
      const done = await b.savePicture(path, data);
      saved(done.path, 0);
    } catch (e) {
      failed(e);
    }
  };
  return { table, picture };
}
