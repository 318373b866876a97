// Reports: Partner Insights reports built, scheduled and listed here (the reports work).
import { DocumentTable24Regular } from "@fluentui/react-icons";
import { EmptyState } from "../../components/EmptyState";
import { PageHeader } from "../../components/PageHeader";

export function ReportsScreen() {
  return (
    <>
      <PageHeader title="Reports" subtitle="Partner Insights reports that run on a schedule" />
      <EmptyState icon={<DocumentTable24Regular />} title="Reports that arrive by themselves" testId="reports-coming">
        Here you will build a Partner Insights report by ticking columns and metrics, preview it, and schedule it in
        plain words ("every Monday at 08:00"). Each finished file then downloads by itself into Downloads.
      </EmptyState>
    </>
  );
}
