// Export what is on screen: the answer's table as Excel or CSV, the chart as a picture, the rows
// shown. The system's Save dialog asks where; a note then says where it went, with Open and
// Show in folder.
import {
  Button,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from "@fluentui/react-components";
import { ArrowExportUp20Regular } from "@fluentui/react-icons";
import type { ExportSource, View } from "../../backend";
import { useSaveToFile } from "../../components/useSaveToFile";
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
  const save = useSaveToFile();
  const table = (source: ExportSource, kind: "xlsx" | "csv", name: string) => save.table(account, view, source, today, name, kind);
  const picture = (kind: "png" | "svg") =>
    save.picture(kind === "png" ? chart.current?.png() : chart.current?.svg(), baseName, kind);
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
