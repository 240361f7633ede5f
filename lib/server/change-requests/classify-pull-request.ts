import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { checkClassLabel } from '@/lib/policy/class-scope';
import type { ChangeClass } from '@/lib/policy/change-class';

type ClassifyPullRequestInput = { paths: readonly string[]; label: ChangeClass; title?: string };

/**
 * A PR check's question (CTRL-012.1): does the class label cover what the pull request touches?
 * Judged by the policy settings in force, which it names. A pure read: it records nothing.
 */
export async function classifyPullRequest({ paths, label, title }: ClassifyPullRequestInput) {
  const policy = await policySettingsInForce();
  return { ...checkClassLabel(label, { paths, title }, policy.classScopeRules), policyVersion: policy.version };
}
