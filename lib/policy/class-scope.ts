// Class versus scope — POL-012 CTRL-012.1 ("CI validates label matches change scope"). Pure.
import picomatch from 'picomatch';
import type { ChangeClass } from '@/lib/policy/change-class';
import type { PolicyReason } from '@/lib/policy/decision';
import type { ClassScopeRule } from '@/lib/policy/policy-settings';

/** The risk scale of the scope rules. Emergency is an urgency path, not a level on it. */
export type RiskClass = Exclude<ChangeClass, 'emergency'>;

const RANK: Record<RiskClass, number> = { standard: 0, normal: 1, major: 2 };

export type ScopeInput = { paths: readonly string[]; title?: string };

export type ScopeVerdict = { minimumClass: RiskClass; reasons: PolicyReason[] };

function keywordPattern(keyword: string): RegExp {
  const escaped = keyword.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu');
}

function matchingRules(input: ScopeInput, rules: readonly ClassScopeRule[]): { rule: ClassScopeRule; matched: string }[] {
  return rules.flatMap((rule) => {
    if (rule.kind === 'keyword') {
      return input.title && keywordPattern(rule.pattern).test(input.title) ? [{ rule, matched: `title "${input.title}"` }] : [];
    }
    // Paths are repository-relative; a leading "./" or "/" is not part of the scope.
    const isMatch = picomatch(rule.pattern, { dot: true });
    const path = input.paths.map((p) => p.replace(/^\.?\//, '')).find((p) => isMatch(p));
    return path ? [{ rule, matched: path }] : [];
  });
}

/** The lowest class that covers everything the change touches, with every rule that raised it. */
export function classifyScope(input: ScopeInput, rules: readonly ClassScopeRule[]): ScopeVerdict {
  const matches = matchingRules(input, rules);
  const minimumClass = matches.reduce<RiskClass>((highest, { rule }) => (RANK[rule.minimumClass] > RANK[highest] ? rule.minimumClass : highest), 'standard');
  return {
    minimumClass,
    reasons: matches.map(({ rule, matched }) => ({
      control: 'CTRL-012.1',
      code: 'SCOPE_RULE',
      message: `${matched} matches ${rule.kind === 'path' ? 'path rule' : 'keyword'} "${rule.pattern}": at least ${rule.minimumClass}.`,
    })),
  };
}

/** An emergency label satisfies any minimum: it is judged by its own approval path and 24-hour review. */
export function labelCoversScope(label: ChangeClass, minimumClass: RiskClass): boolean {
  return label === 'emergency' || RANK[label] >= RANK[minimumClass];
}

export type LabelVerdict = ScopeVerdict & { labelMatches: boolean };

/**
 * A pull request's class label against its scope, as a PR check asks it. A label below the
 * minimum leads the reasons, followed by every rule that raised the minimum.
 */
export function checkClassLabel(label: ChangeClass, input: ScopeInput, rules: readonly ClassScopeRule[]): LabelVerdict {
  const scope = classifyScope(input, rules);
  const labelMatches = labelCoversScope(label, scope.minimumClass);
  if (labelMatches) return { ...scope, labelMatches };
  const belowScope: PolicyReason = { control: 'CTRL-012.1', code: 'LABEL_BELOW_SCOPE', message: `The ${label} label is below the ${scope.minimumClass} class this scope needs.` };
  return { ...scope, labelMatches, reasons: [belowScope, ...scope.reasons] };
}
