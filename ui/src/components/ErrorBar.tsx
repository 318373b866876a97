import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { describeError, type UiError } from "../backend/errors";

// An error in plain words with the one thing to do about it; the technical detail is small
// print for support.
export function ErrorBar({ error, onAction }: { error: UiError; onAction?: () => void }) {
  const d = describeError(error);
  return (
    <MessageBar intent="error" layout="multiline" data-testid="error-bar" data-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{d.title}</MessageBarTitle>
        {error.message}
        {error.detail ? (
          <Text as="p" size={200} style={{ opacity: 0.75, marginTop: 4 }}>
            {error.detail}
          </Text>
        ) : null}
      </MessageBarBody>
      {d.actionLabel && onAction ? (
        <MessageBarActions>
          <Button onClick={onAction}>{d.actionLabel}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

// Something worth knowing that is not an error (a saved copy was set aside, say).
export function NoteBar({ text }: { text: string }) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="note-bar">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
