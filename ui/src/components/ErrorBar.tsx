// An error in plain words with the one thing to do about it, a button that does what it says
// ("Sign in" opens sign-in, "Try again" tries again, "Edit filter" goes to the filter), and the
// technical detail folded away for support.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { describeError, type UiError } from "../backend/errors";
import { useOptionalApp } from "../app/context";

export interface ErrorActions {
  onRetry?: () => void;
  onEditFilter?: () => void;
}

export function ErrorBar({ error, onRetry, onEditFilter }: { error: UiError } & ErrorActions) {
  const d = describeError(error);
  const app = useOptionalApp();
  const act: (() => void) | undefined = (() => {
    switch (error.action) {
      case "retry":
        return onRetry;
      case "editFilter":
        return onEditFilter;
      case "signIn":
      case "openSettings":
        return app ? () => app.go({ screen: "accounts", account: app.account?.id }) : undefined;
      default:
        return undefined;
    }
  })();
  return (
    <MessageBar intent="error" layout="multiline" data-testid="error-bar" data-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{d.title}</MessageBarTitle>
        {error.message}
        {error.detail ? (
          <Accordion collapsible>
            <AccordionItem value="details">
              <AccordionHeader size="small">Details</AccordionHeader>
              <AccordionPanel>
                <Text size={200} font="monospace">
                  {error.detail}
                </Text>
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
        ) : null}
      </MessageBarBody>
      {d.actionLabel && act ? (
        <MessageBarActions>
          <Button onClick={act} data-testid="error-action">
            {d.actionLabel}
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

// Something worth knowing that is not an error (a saved copy was set aside, say).
export function NoteBar({ text, intent = "warning", testId = "note-bar" }: { text: string; intent?: "warning" | "info"; testId?: string }) {
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
