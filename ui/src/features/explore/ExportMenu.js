import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Export what is on screen: the answer's table as Excel or CSV, the chart as a picture, the rows
// shown. The system's Save dialog asks where; a note then says where it went, with Open and
// Show in folder.
import { Button, Menu, MenuDivider, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, } from "@fluentui/react-components";
import { ArrowExportUp20Regular } from "@fluentui/react-icons";
import { useSaveToFile } from "../../components/useSaveToFile";
/// Excel's limit on rows in a sheet (the header takes one).
const EXCEL_ROWS = 1_048_575;
export function ExportMenu({ account, view, today, answerSource, rowsSource, rowsTotal, chart, baseName, }) {
    const save = useSaveToFile();
    const table = (source, kind, name) => save.table(account, view, source, today, name, kind);
    const picture = (kind) => save.picture(kind === "png" ? chart.current?.png() : chart.current?.svg(), baseName, kind);
    const hasChart = !!chart.current;
    return (_jsxs(Menu, { children: [_jsx(MenuTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { icon: _jsx(ArrowExportUp20Regular, {}), "data-testid": "export", children: "Export" }) }), _jsx(MenuPopover, { children: _jsxs(MenuList, { children: [_jsxs(MenuGroup, { children: [_jsx(MenuGroupHeader, { children: "The answer" }), _jsx(MenuItem, { onClick: () => table(answerSource, "xlsx", baseName), "data-testid": "export-xlsx", children: "Excel workbook (.xlsx)" }), _jsx(MenuItem, { onClick: () => table(answerSource, "csv", baseName), "data-testid": "export-csv", children: "CSV for Excel (.csv)" })] }), hasChart ? (_jsxs(MenuGroup, { children: [_jsx(MenuDivider, {}), _jsx(MenuGroupHeader, { children: "The chart" }), _jsx(MenuItem, { onClick: () => picture("png"), "data-testid": "export-png", children: "Picture (.png)" }), _jsx(MenuItem, { onClick: () => picture("svg"), "data-testid": "export-svg", children: "Drawing (.svg)" })] })) : null, rowsSource ? (_jsxs(MenuGroup, { children: [_jsx(MenuDivider, {}), _jsx(MenuGroupHeader, { children: "The rows shown" }), _jsxs(MenuItem, { disabled: rowsTotal > EXCEL_ROWS, onClick: () => table(rowsSource, "xlsx", `${baseName} rows`), title: rowsTotal > EXCEL_ROWS ? "More rows than Excel holds: export them as CSV" : undefined, children: ["Excel workbook (.xlsx)", rowsTotal > EXCEL_ROWS ? " – too many rows" : ""] }), _jsx(MenuItem, { onClick: () => table(rowsSource, "csv", `${baseName} rows`), children: "CSV for Excel (.csv)" })] })) : null] }) })] }));
}
