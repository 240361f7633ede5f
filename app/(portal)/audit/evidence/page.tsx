import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { EVIDENCE_CONTROL_LABEL, parseEvidenceQuery } from '@/lib/schemas/evidence-query';
import { exportEvidence } from '@/lib/server/evidence/export-evidence';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { EvidenceQueryForm } from '@/components/evidence/evidence-query-form';
import { EvidenceSummary } from '@/components/evidence/evidence-summary';

export const metadata: Metadata = { title: 'Evidence bundles' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Evidence for auditors: one control, one period, a summary and the downloads. Auditors and admins only. */
export default async function EvidencePage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  if (!canReadAuditTrail(user)) notFound();
  const [params, policy] = await Promise.all([searchParams, currentPolicySettings()]);
  const values = { control: first(params.control), from: first(params.from), to: first(params.to) };
  const isAsked = Boolean(values.control || values.from || values.to);
  const parsed = isAsked ? parseEvidenceQuery(params) : null;
  const bundle = parsed?.success ? await exportEvidence({ actor: user, query: parsed.data, at: new Date() }) : null;
  const query = parsed?.success ? new URLSearchParams(parsed.data).toString() : '';
  return (
    <>
      <PageHeader title="Evidence bundles" description="The records behind one POL-012 control for a period, as an auditor samples them, with the policy settings in force and the findings." />
      <EvidenceQueryForm values={values} errors={parsed && !parsed.success ? parsed.fieldErrors : {}} timeZone={policy.timeZone} />
      {parsed && !parsed.success ? <p role="status" className="mb-4 text-sm text-red-700">Check the control and the period.</p> : null}
      {bundle ? (
        <EvidenceSummary view={{
          controlLabel: EVIDENCE_CONTROL_LABEL[bundle.control],
          period: bundle.period,
          policySettingsVersions: bundle.policySettingsVersions,
          counts: bundle.summary.counts,
          findings: bundle.summary.findings,
          isTruncated: bundle.summary.isTruncated,
          jsonHref: `/audit/evidence/export.json?${query}`,
          markdownHref: `/audit/evidence/export.md?${query}`,
        }} />
      ) : null}
    </>
  );
}
