// "Sign in again" for an account that exists: from its card or from the health banner.
import { Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles } from "@fluentui/react-components";
import type { AccountView } from "../../backend";
import { SignInFlow } from "./SignInFlow";

const useStyles = makeStyles({ surface: { width: "560px", maxWidth: "calc(100vw - 48px)" } });

export function SignInDialog({
  account,
  onClose,
  onDone,
}: {
  account: AccountView | null;
  onClose: () => void;
  onDone: (a: AccountView) => void;
}) {
  const s = useStyles();
  return (
    <Dialog open={account !== null} onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
      <DialogSurface className={s.surface} data-testid="sign-in-dialog">
        {account ? (
          <DialogBody>
            <DialogTitle>Sign in to {account.name}</DialogTitle>
            <DialogContent>
              <SignInFlow account={account} onDone={onDone} onCancel={onClose} />
            </DialogContent>
          </DialogBody>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
