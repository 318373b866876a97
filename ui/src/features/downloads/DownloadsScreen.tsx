// Downloads: every report file that arrived, with Open, Show in folder and Open in Explore.
import { ArrowDownload24Regular } from "@fluentui/react-icons";
import { EmptyState } from "../../components/EmptyState";
import { PageHeader } from "../../components/PageHeader";

export function DownloadsScreen() {
  return (
    <>
      <PageHeader title="Downloads" subtitle="Report files on this computer" />
      <EmptyState icon={<ArrowDownload24Regular />} title="No report files yet" testId="downloads-coming">
        When your scheduled reports run, each file is downloaded here by itself, before its link expires. You will be
        able to open it in Excel, show it in its folder, or explore it like any other data.
      </EmptyState>
    </>
  );
}
