// Text for screen readers only: a column of buttons still needs a header that says what it is.
import type { ReactNode } from "react";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
});

export function ScreenReaderText({ children }: { children: ReactNode }) {
  return <span className={useStyles().hidden}>{children}</span>;
}
