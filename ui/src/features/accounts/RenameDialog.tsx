// Renaming an account: only its name in Partner Lens changes, nothing in Partner Center.
import { useEffect, useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input } from "@fluentui/react-components";
import type { AccountView } from "../../backend";

export function RenameDialog({
  account,
  onClose,
  onRename,
  error,
}: {
  account: AccountView | null;
  onClose: () => void;
  onRename: (name: string) => void;
  error: string | null;
}) {
  const [name, setName] = useState("");
  useEffect(() => setName(account?.name ?? ""), [account]);
  return (
    <Dialog open={account !== null} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface data-testid="rename-dialog">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) onRename(name.trim());
          }}
        >
          <DialogBody>
            <DialogTitle>Rename account</DialogTitle>
            <DialogContent>
              <Field label="Name" validationState={error ? "error" : "none"} validationMessage={error ?? undefined}>
                <Input value={name} onChange={(_, d) => setName(d.value)} autoFocus data-testid="rename-input" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>Cancel</Button>
              <Button appearance="primary" type="submit" disabled={!name.trim()} data-testid="rename-save">
                Rename
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
