// The query text a report runs, for the curious and for IT: folded away under "Advanced",
// read-only, with Copy. People build reports without ever opening it.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Textarea, Toast, ToastTitle, makeStyles, tokens, useToastController } from "@fluentui/react-components";
import { Copy16Regular } from "@fluentui/react-icons";
import { TOASTER } from "../../app/toaster";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: "8px", alignItems: "flex-start" },
  query: { fontFamily: tokens.fontFamilyMonospace, width: "100%" },
});

export function AdvancedQuery({ text, placeholder }: { text: string | null; placeholder: string }) {
  const s = useStyles();
  const { dispatchToast } = useToastController(TOASTER);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text ?? "");
      dispatchToast(
        <Toast>
          <ToastTitle>Query copied</ToastTitle>
        </Toast>,
        { intent: "success", timeout: 3_000 },
      );
    } catch {
      dispatchToast(
        <Toast>
          <ToastTitle>Select the query text and copy it with Ctrl+C</ToastTitle>
        </Toast>,
        { intent: "info", timeout: 5_000 },
      );
    }
  };
  return (
    <Accordion collapsible data-testid="report-advanced">
      <AccordionItem value="query">
        <AccordionHeader size="small">Advanced: the query Partner Center runs</AccordionHeader>
        <AccordionPanel className={s.panel}>
          <Textarea className={s.query} readOnly value={text ?? ""} placeholder={placeholder} resize="vertical" aria-label="Query" data-testid="report-query-text" />
          <Button size="small" icon={<Copy16Regular />} disabled={!text} onClick={() => void copy()}>
            Copy query
          </Button>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
