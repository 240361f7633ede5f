import { ListTable } from '@/components/ui/list-table';
import { Badge } from '@/components/ui/badge';
import { BUTTON_SECONDARY } from '@/components/ui/styles';

export type EvidenceSummaryView = {
  controlLabel: string;
  period: { from: string; to: string; timeZone: string };
  policySettingsVersions: readonly { version: number; publishedAt: string; timeZone: string }[];
  counts: Readonly<Record<string, number>>;
  findings: readonly { code: string; message: string; count: number }[];
  isTruncated: boolean;
  /** Download links: JSON (complete) and Markdown (readable). */
  jsonHref: string;
  markdownHref: string;
};

/** Words for the count keys of the bundles. */
const COUNT_LABEL: Record<string, string> = {
  productionDeployments: 'Production deployments', gateDecisions: 'Gate decisions (real)', allows: 'Allows', denies: 'Denies', declaredFreezes: 'Declared freezes',
  holidays: 'Holidays', incidents: 'Incidents', overrides: 'Freeze overrides', executed: 'Migrations executed', succeeded: 'Succeeded', rolledBack: 'Rolled back',
  flags: 'Flags in the inventory', staleAtEnd: 'Stale flags at the end', audits: 'Monthly audits', configChanges: 'Configuration changes', applied: 'Applied',
  reportedAfter: 'Reported after the fact', exceptions: 'Exceptions opened', emergencyChanges: 'Emergency changes', overdueExceptions: 'Exceptions overdue',
};

/** What a bundle holds, in words, with its findings and the downloads. */
export function EvidenceSummary({ view }: Readonly<{ view: EvidenceSummaryView }>) {
  return (
    <section aria-labelledby="evidence-summary-heading" className="space-y-4">
      <h2 id="evidence-summary-heading" className="text-lg font-semibold">Summary: {view.controlLabel}, {view.period.from} to {view.period.to}</h2>
      <p className="text-sm text-slate-700">
        Local days in {view.period.timeZone}. Policy settings in force: {view.policySettingsVersions.map((version) => `version ${version.version}`).join(', ') || 'none recorded'}.
      </p>
      <div role="status" className="space-y-2">
        {view.findings.length === 0
          ? <p><Badge tone="good">No findings</Badge></p>
          : (
            <ul className="list-inside list-disc space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" aria-label="Findings">
              {view.findings.map((item) => <li key={item.code}><strong>Finding:</strong> {item.message}</li>)}
            </ul>
          )}
        {view.isTruncated ? <p className="text-sm text-amber-900">The period holds more records than one bundle; export shorter periods for the rest.</p> : null}
      </div>
      <ListTable caption="Counts in the period" columns={['What', 'Count']}>
        {Object.entries(view.counts).map(([key, count]) => (
          <tr key={key}>
            <td className="px-3 py-2">{COUNT_LABEL[key] ?? key}</td>
            <td className="px-3 py-2 tabular-nums">{count}</td>
          </tr>
        ))}
      </ListTable>
      <div className="flex gap-2">
        <a href={view.jsonHref} className={BUTTON_SECONDARY} download>Download JSON</a>
        <a href={view.markdownHref} className={BUTTON_SECONDARY} download>Download Markdown</a>
      </div>
    </section>
  );
}
