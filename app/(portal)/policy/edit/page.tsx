import type { Metadata } from 'next';
import Link from 'next/link';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { POLICY_LIMIT_NAMES, ruleField, weeklyWindowFormValues } from '@/lib/schemas/policy-settings-form';
import type { FormValues } from '@/lib/actions/action-state';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { PolicySettingsForm } from '@/components/policy/policy-settings-form';
import { requireAdmin } from '../../admin/admin-page';
import { publishPolicySettingsAction } from './actions';

export const metadata: Metadata = { title: 'Edit policy settings' };

/** Empty rule rows offered for adding rules. */
const EMPTY_RULE_ROWS = 5;
/** Empty weekly window rows offered for adding windows. */
const EMPTY_WINDOW_ROWS = 2;

export default async function EditPolicyPage() {
  await requireAdmin();
  const policy = await currentPolicySettings();
  const initial: FormValues = { timeZone: policy.timeZone, note: '' };
  for (const name of POLICY_LIMIT_NAMES) initial[name] = String(policy[name]);
  policy.classScopeRules.forEach((rule, row) => {
    initial[ruleField(row, 'kind')] = rule.kind;
    initial[ruleField(row, 'pattern')] = rule.pattern;
    initial[ruleField(row, 'minimumClass')] = rule.minimumClass;
  });
  for (let row = policy.classScopeRules.length; row < policy.classScopeRules.length + EMPTY_RULE_ROWS; row++) {
    initial[ruleField(row, 'kind')] = 'path';
    initial[ruleField(row, 'pattern')] = '';
    initial[ruleField(row, 'minimumClass')] = 'normal';
  }
  policy.weeklyWindows.forEach((window, row) => Object.assign(initial, weeklyWindowFormValues(row, window)));
  for (let row = policy.weeklyWindows.length; row < policy.weeklyWindows.length + EMPTY_WINDOW_ROWS; row++) Object.assign(initial, weeklyWindowFormValues(row, null));
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/policy" className={LINK}>Policy settings</Link></p>
      <PageHeader
        title="Edit policy settings"
        description={<>Publishing creates version {policy.version + 1} from version {policy.version}; earlier versions stay as they were.</>}
      />
      <PolicySettingsForm
        action={publishPolicySettingsAction}
        basedOn={policy.version}
        initial={initial}
        timeZones={Intl.supportedValuesOf('timeZone')}
      />
    </>
  );
}
