import { jsx as _jsx } from "react/jsx-runtime";
import { makeStyles } from "@fluentui/react-components";
const useStyles = makeStyles({
    hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
});
export function ScreenReaderText({ children }) {
    return _jsx("span", { className: useStyles().hidden, children: children });
}
