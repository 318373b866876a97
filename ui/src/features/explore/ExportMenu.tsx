// Export what is on screen: the answer's table as Excel or CSV, the chart as a picture, the rows
// shown. The system's Save dialog asks where; a note then says where it went, with Open and
// Show in folder.
import {
  Button,
  Link,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Toast,
  ToastBody,
  ToastFooter,
  ToastTitle,
  useToastController,
} from "@fluentui/react-components";
import { ArrowExportUp20Regular } from "@fluentui/react-icons";
import type { ExportSource, UiError, View } from "../../backend";
import { describeError, toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { TOASTER } from "../../app/App";
import { formatNumber } from "../../lib/format";
import type { ChartHandle } from "./AnswerChart";

/// Excel's limit on rows in a sheet (the header takes one).
const EXCEL_ROWS = 1_048_575;

export function ExportMenu({
  account,
  view,
  today,
  answerSource,
  rowsSource,
  rowsTotal,
  chart,
  baseName,
}: {
  account: string;
  view: View;
  today: string;
  answerSource: ExportSource;
  rowsSource: ExportSource | null;
  rowsTotal: number;
  chart: React.MutableRefObject<ChartHandle | null>;
  baseName: string;
}) {
  const b = useBackend();
  const { dispatchToast } = useToastController(TOASTER);

  const saved = (path: string, rows: number) =>
    dispatchToast(
      <Toast data-testid="saved-toast">
        <ToastTitle>Saved</ToastTitle>
        <ToastBody subtitle={rows ? `${formatNumber(rows)} rows` : undefined}>Saved to {path}</ToastBody>
        <ToastFooter>
          <Link onClick={() => void b.openPath(path).catch(failed)}>Open</Link>
          <Link onClick={() => void b.showInFolder(path).catch(failed)}>Show in folder</Link>
        </ToastFooter>
      </Toast>,
      { intent: "success", timeout: 10_000 },
    );
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

  const table = async (source: ExportSource, kind: "xlsx" | "csv", name: string) => {
    try {
      const path = await b.chooseSavePath(`${name}.${kind}`, kind);
      if (!path) return;
      const done = await b.exportView(account, view, source, today, path);
      saved(done.path, done.rows);
    } catch (e) {
      failed(e);
    }
  };
  const picture = async (kind: "png" | "svg") => {
    try {
      const data = kind === "png" ? chart.current?.png() : chart.current?.svg();
      if (!data) return;
      const path = await b.chooseSavePath(`${baseName}.${kind}`, kind);
      if (!path) return;
      const done = await b.savePicture(path, data);
      saved(done.path, 0);
    } catch (e) {
      failed(e);
    }
  };
  const hasChart = !!chart.current;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button icon={<ArrowExportUp20Regular />} data-testid="export">
          Export
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>The answer</MenuGroupHeader>
            <MenuItem onClick={() => table(answerSource, "xlsx", baseName)} data-testid="export-xlsx">
              Excel workbook (.xlsx)
            </MenuItem>
            <MenuItem onClick={() => table(answerSource, "csv", baseName)} data-testid="export-csv">
              CSV for Excel (.csv)
            </MenuItem>
          </MenuGroup>
          {hasChart ? (
            <MenuGroup>
              <MenuDivider />
              <MenuGroupHeader>The chart</MenuGroupHeader>
              <MenuItem onClick={() => picture("png")} data-testid="export-png">
                Picture (.png)
              </MenuItem>
              <MenuItem onClick={() => picture("svg")} data-testid="export-svg">
                Drawing (.svg)
              </MenuItem>
            </MenuGroup>
          ) : null}
          {rowsSource ? (
            <MenuGroup>
              <MenuDivider />
              <MenuGroupHeader>The rows shown</MenuGroupHeader>
              <MenuItem
                disabled={rowsTotal > EXCEL_ROWS}
                onClick={() => table(rowsSource, "xlsx", `${baseName} rows`)}
                title={rowsTotal > EXCEL_ROWS ? "More rows than Excel holds: export them as CSV" : undefined}
              >
                Excel workbook (.xlsx){rowsTotal > EXCEL_ROWS ? " – too many rows" : ""}
              </MenuItem>
              <MenuItem onClick={() => table(rowsSource, "csv", `${baseName} rows`)}>CSV for Excel (.csv)</MenuItem>
            </MenuGroup>
          ) : null}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
