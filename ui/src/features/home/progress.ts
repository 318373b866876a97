import type { RefreshProgress } from "../../backend";

/// How far a refresh of every data set has come, 0 to 1: the data sets done, plus the part of
/// the one being fetched that has arrived (when the service said how many rows it holds), so the
/// bar moves during the first data set too, not only when it ends.
export function refreshFraction(p: RefreshProgress): number {
  const { rows, total } = p.load;
  const part = total ? Math.min(rows / total, 1) : 0;
  return Math.min((p.step - 1 + part) / p.steps, 1);
}
