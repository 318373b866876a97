// "Save view": the question under a name, for Home, Explore and the command line.
import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Text,
} from "@fluentui/react-components";
import { Save20Regular } from "@fluentui/react-icons";
import type { View } from "../../backend";
import { useSaveView } from "../../backend/queries";

export function SaveViewButton({ view, suggested }: { view: View; suggested: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggested);
  const save = useSaveView();
  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (d.open) {
          setName(suggested);
          save.reset();
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<Save20Regular />} data-testid="save-view">
          Save view
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ name, view }, { onSuccess: () => setOpen(false) });
          }}
        >
          <DialogBody>
            <DialogTitle>Save this view</DialogTitle>
            <DialogContent>
              <Field
                label="Name"
                validationState={save.error ? "error" : "none"}
                validationMessage={save.error ? (save.error as { message: string }).message : undefined}
              >
                <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="view-name" autoFocus />
              </Field>
              <Text size={200}>
                The data set, filters, grouping and chart are saved. A view with the same name is replaced.
              </Text>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabled={!name.trim() || save.isPending} data-testid="confirm-save-view">
                Save
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
