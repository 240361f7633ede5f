import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canAdminister } from '@/lib/policy/permissions';
import { CHANGE_CLASSES, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { describeWeeklyWindow } from '@/lib/policy/policy-settings';
import { POLICY_ASSUMPTIONS } from '@/lib/policy/policy-assumptions';
import { currentPolicySettings, listPolicyVersions } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'Policy' };

export default async function PolicyPage() {
  const user = await requireUser();
  const [policy, versions] = await Promise.all([currentPolicySettings(), listPolicyVersions()]);
  const { weeklyWindows: windows, classScopeRules: scopeRules } = policy;
  return (
    <>
      <PageHeader
        title="Policy settings"
        description={<>POL-012 Change Management &amp; Upgrades, as Changeboard enforces it. Settings version {policy.version}, in force since <Time at={policy.createdAt} timeZone={policy.timeZone} />.</>}
      />
      {canAdminister(user) ? <p className="mb-6"><Link href="/policy/edit" className={BUTTON_SECONDARY}>Edit</Link></p> : null}
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="classes" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="classes" className="text-lg font-semibold">Change classes (CTRL-012.1)</h2>
          <table className="mt-3 w-full text-sm">
            <thead className="text-left"><tr><th scope="col" className="py-1 font-medium">Class</th><th scope="col" className="py-1 font-medium">Risk</th><th scope="col" className="py-1 font-medium">Approval</th></tr></thead>
            <tbody>
              {CHANGE_CLASSES.map((changeClass) => (
                <tr key={changeClass} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-medium">{CHANGE_CLASS_INFO[changeClass].label}</th>
                  <td className="py-1">{CHANGE_CLASS_INFO[changeClass].risk}</td>
                  <td className="py-1">{CHANGE_CLASS_INFO[changeClass].approval}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="freezes" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="freezes" className="text-lg font-semibold">Freeze windows (CTRL-012.2)</h2>
          <p className="mt-2 text-sm">Time zone: <strong>{policy.timeZone}</strong></p>
          {windows.length === 0 ? (
            <p className="mt-2 text-sm"><strong>No weekly freeze window:</strong> only holidays, declared freezes and incidents hold changes.</p>
          ) : (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
              {windows.map((window) => (
                <li key={describeWeeklyWindow(window)}>{describeWeeklyWindow(window)}: holds {window.classes.map((changeClass) => CHANGE_CLASS_INFO[changeClass].label.toLowerCase()).join(', ')} changes</li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="scope" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="scope" className="text-lg font-semibold">Class versus scope rules</h2>
          <p className="mt-1 text-sm text-slate-600">A change touching these paths or naming these words needs at least the class shown.</p>
          <table className="mt-3 w-full text-sm">
            <thead className="text-left"><tr><th scope="col" className="py-1 font-medium">Matches</th><th scope="col" className="py-1 font-medium">Kind</th><th scope="col" className="py-1 font-medium">Minimum class</th></tr></thead>
            <tbody>
              {scopeRules.map((rule) => (
                <tr key={`${rule.kind}:${rule.pattern}`} className="border-t border-slate-100">
                  <td className="py-1 font-mono">{rule.pattern}</td>
                  <td className="py-1">{rule.kind === 'path' ? 'Changed path' : 'Title keyword'}</td>
                  <td className="py-1">{CHANGE_CLASS_INFO[rule.minimumClass].label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="limits" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="limits" className="text-lg font-semibold">Time limits</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Emergency documentation and 2nd approval</dt><dd>{policy.emergencyReviewHours} hours after first production deploy</dd>
            <dt className="text-slate-600">Freeze override, longest</dt><dd>{policy.overrideMaxHours} hours</dd>
            <dt className="text-slate-600">Gate allow valid for a deploy</dt><dd>{policy.gateAllowValidMinutes} minutes</dd>
            <dt className="text-slate-600">Release flag TTL (CTRL-012.4)</dt><dd>{policy.releaseFlagTtlDays} days after 100% rollout</dd>
            <dt className="text-slate-600">Experiment flag TTL (CTRL-012.4)</dt><dd>{policy.experimentFlagTtlDays} days after creation</dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="readings" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="readings" className="text-lg font-semibold">How Changeboard reads the policy</h2>
        <p className="mt-1 text-sm text-slate-600">Where POL-012 leaves room, these are the choices Changeboard makes when it decides.</p>
        <ul className="mt-3 space-y-2 text-sm">
          {POLICY_ASSUMPTIONS.map((assumption) => (
            <li key={assumption.topic}><strong>{assumption.topic}</strong> ({assumption.control}): {assumption.words}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history" className="text-lg font-semibold">History</h2>
        <p className="mt-1 text-sm text-slate-600">Every published version, newest first. The highest is in force; earlier ones never change.</p>
        <table className="mt-3 w-full text-sm">
          <thead className="text-left"><tr><th scope="col" className="py-1 font-medium">Version</th><th scope="col" className="py-1 font-medium">Published</th><th scope="col" className="py-1 font-medium">By</th><th scope="col" className="py-1 font-medium">Note</th></tr></thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version} className="border-t border-slate-100">
                <th scope="row" className="py-1 text-left font-medium">{version.version}{version.version === policy.version ? ' (in force)' : ''}</th>
                <td className="py-1"><Time at={version.createdAt} timeZone={policy.timeZone} /></td>
                <td className="py-1">{version.createdBy ? version.createdBy.name ?? version.createdBy.email : 'Migrations'}</td>
                <td className="py-1">{version.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
