// The account's reports: status, schedule in words, next and last run, the last file; Edit,
// Pause, Resume and Delete (asked first: the files already downloaded stay).
import {
  Badge,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
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
import { MoreHorizontal20Regular } from "@fluentui/react-icons";
import { ScreenReaderText } from "../../components/ScreenReaderText";
import type { ReportRow } from "../../backend";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  name: { display: "flex", flexDirection: "column" },
  wrap: { overflowX: "auto" },
});

const STATUS: Record<string, "success" | "warning" | "subtle"> = { Active: "success", Paused: "warning", Inactive: "subtle" };

export function ReportList({
  rows,
  onEdit,
  onPause,
  onResume,
  onDelete,
  onFile,
}: {
  rows: ReportRow[];
  onEdit: (r: ReportRow) => void;
  onPause: (r: ReportRow) => void;
  onResume: (r: ReportRow) => void;
  onDelete: (r: ReportRow) => void;
  onFile: (r: ReportRow) => void;
}) {
  const s = useStyles();
  return (
    <div className={s.wrap}>
      <Table aria-label="Reports" data-testid="report-list">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Report</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Schedule</TableHeaderCell>
            <TableHeaderCell>Next run</TableHeaderCell>
            <TableHeaderCell>Last run</TableHeaderCell>
            <TableHeaderCell>Last file</TableHeaderCell>
            <TableHeaderCell style={{ width: "56px" }}><ScreenReaderText>Actions</ScreenReaderText></TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-testid={`report-${r.name}`}>
              <TableCell>
                <div className={s.name}>
                  <Text weight="semibold">{r.name}</Text>
                  <Text size={200} className={s.muted}>
                    {r.datasetTitle ?? "A query"} · {r.format}
                  </Text>
                </div>
              </TableCell>
              <TableCell>
                <Badge appearance="tint" color={STATUS[r.status] === "success" ? "success" : STATUS[r.status] === "warning" ? "warning" : "informative"} data-testid="report-status">
                  {r.status}
                </Badge>
              </TableCell>
              <TableCell>{r.schedule}</TableCell>
              <TableCell>{r.nextRun ?? <span className={s.muted}>None</span>}</TableCell>
              <TableCell>{r.lastRun ?? <span className={s.muted}>Not yet</span>}</TableCell>
              <TableCell>
                {r.lastFile ? (
                  <Button size="small" appearance="transparent" onClick={() => onFile(r)}>
                    In Downloads
                  </Button>
                ) : (
                  <span className={s.muted}>None yet</span>
                )}
              </TableCell>
              <TableCell>
                <Menu>
                  <MenuTrigger disableButtonEnhancement>
                    <Button appearance="subtle" icon={<MoreHorizontal20Regular />} aria-label={`Actions for ${r.name}`} data-testid="report-actions" />
                  </MenuTrigger>
                  <MenuPopover>
                    <MenuList>
                      <MenuItem onClick={() => onEdit(r)}>Edit schedule…</MenuItem>
                      {r.status === "Paused" ? (
                        <MenuItem onClick={() => onResume(r)}>Resume</MenuItem>
                      ) : (
                        <MenuItem disabled={r.status !== "Active"} onClick={() => onPause(r)}>
                          Pause
                        </MenuItem>
                      )}
                      <MenuItem onClick={() => onDelete(r)} data-testid="report-delete">
                        Delete…
                      </MenuItem>
                    </MenuList>
                  </MenuPopover>
                </Menu>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
