// Removing an account asks first: it forgets the sign-in and deletes the data fetched for it.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text } from "@fluentui/react-components";
import type { AccountView } from "../../backend";

export function RemoveDialog({ account, onClose, onRemove }: { account: AccountView | null; onClose: () => void; onRemove: () => void }) {
  return (
    <Dialog open={account !== null} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface data-testid="remove-dialog">
        <DialogBody>
          <DialogTitle>Remove {account?.name}?</DialogTitle>
          <DialogContent>
            <Text>
              Partner Lens forgets this account's sign-in and deletes the data fetched for it from this computer. Nothing
              changes in Partner Center, and you can add the account again later.
            </Text>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Keep it</Button>
            <Button appearance="primary" onClick={onRemove} data-testid="remove-confirm">
              Remove
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
