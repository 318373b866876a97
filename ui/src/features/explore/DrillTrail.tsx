// The steps taken by clicking the chart, as a breadcrumb back to the question before them.
import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from "@fluentui/react-components";
import type { FieldInfo, FilterChip } from "../../backend";
import { chipLabel } from "./chips";

export function DrillTrail({ steps, fields, onBack }: { steps: FilterChip[]; fields: FieldInfo[]; onBack: (keep: number) => void }) {
  if (!steps.length) return null;
  return (
    <Breadcrumb aria-label="Drill-down" data-testid="drill-trail">
      <BreadcrumbItem>
        <BreadcrumbButton onClick={() => onBack(0)} data-testid="drill-back">
          All
        </BreadcrumbButton>
      </BreadcrumbItem>
      {steps.map((c, i) => (
        <span key={i} style={{ display: "contents" }}>
          <BreadcrumbDivider />
          <BreadcrumbItem>
            <BreadcrumbButton current={i === steps.length - 1} onClick={() => onBack(i + 1)}>
              {chipLabel(c, fields)}
            </BreadcrumbButton>
          </BreadcrumbItem>
        </span>
      ))}
    </Breadcrumb>
  );
}
