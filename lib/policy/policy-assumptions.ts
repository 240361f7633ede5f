// How Changeboard reads POL-012 where the policy leaves room. Pure data.
// Each entry restates, for the people the policy applies to, one `// Assumption:` comment of the code
// that decides; policy-assumptions.test.ts checks that each quoted comment still exists and that
// every Assumption of the listed files is here, so the policy page never drifts from the code.
import type { PolicyControl } from '@/lib/policy/decision';

export type PolicyAssumption = {
  /** The control, or the policy's KPI Linkage table for how a KPI is measured. */
  control: PolicyControl | 'KPI Linkage';
  /** A few words naming what the choice is about, shown in bold. */
  topic: string;
  /** The choice, in plain words. */
  words: string;
  /** The file (from the project root) holding the `// Assumption:` comment. */
  source: string;
  /** The comment's opening words after "Assumption:", as written (comment markers and line breaks aside). */
  quote: string;
};

export const POLICY_ASSUMPTIONS: readonly PolicyAssumption[] = [
  {
    control: 'CTRL-012.2', topic: 'Gated environments only',
    words: 'Freeze windows, holidays, declared freezes and incidents hold deploys to gated environments (production by default) only; elsewhere nothing freezes.',
    source: 'lib/policy/freeze-window.ts', quote: 'the gate is off in ungated environments',
  },
  {
    control: 'CTRL-012.1', topic: 'Approvals where the gate is on',
    words: 'The gate checks approvals in gated environments only, like the freeze rules: an ungated staging environment takes changes that are not approved yet.',
    source: 'lib/server/gate/check-gate.ts', quote: 'approvals are enforced only where the gate is on',
  },
  {
    control: 'CTRL-012.2', topic: 'Classes a weekly window holds',
    words: 'The policy names standard and normal changes for Friday 15:00 to Monday 09:00. Each weekly window lists the classes it holds; the default window also holds major changes, which carry more risk than normal ones.',
    source: 'lib/policy/freeze-window.ts', quote: 'the policy names standard and normal changes',
  },
  {
    control: 'CTRL-012.2', topic: 'Emergency changes and the calendar',
    words: 'Emergency changes are never held by weekly windows, holidays or declared freezes: they restore service. An active SEV1/SEV2 incident still holds them unless they are linked to it as its fix.',
    source: 'lib/policy/freeze-window.ts', quote: 'emergency changes are never held by the calendar',
  },
  {
    control: 'CTRL-012.2', topic: 'A window that ends when it starts',
    words: 'A weekly window that ends at the moment it starts is empty, not a whole week, and cannot be published. A week-long freeze is a declared freeze.',
    source: 'lib/policy/freeze-window.ts', quote: 'a window that ends when it starts is empty',
  },
  {
    control: 'CTRL-012.2', topic: 'Overlapping weekly windows',
    words: 'Two weekly windows that hold a common class may not overlap: such settings are refused rather than merged, so the windows in force are exactly those published. Windows for different classes may overlap.',
    source: 'lib/policy/policy-settings.ts', quote: 'overlapping windows are refused, not merged',
  },
  {
    control: 'CTRL-012.2', topic: 'Clock changes',
    words: 'A window boundary at a local time the clock skips (when clocks go forward) takes effect at the jump; one at a time the clock shows twice (when clocks go back) takes effect the first time.',
    source: 'lib/policy/freeze-window.ts', quote: 'a boundary at a local time the clock skips',
  },
  {
    control: 'CTRL-012.2', topic: 'Holidays are local days',
    words: 'A company holiday is the whole day in the policy’s time zone, from local midnight to local midnight, even on days of 23 or 25 hours.',
    source: 'lib/policy/freeze-window.ts', quote: 'a holiday is the whole local day in the policy',
  },
  {
    control: 'CTRL-012.2', topic: 'Ends are open',
    words: 'A declared freeze ending at 09:00 lets a deploy through at 09:00: its end is not part of it (weekly windows, overrides and incidents end the same way).',
    source: 'lib/policy/freeze-window.ts', quote: 'declared freezes are half-open',
  },
  {
    control: 'CTRL-012.2', topic: 'Scoped declared freezes',
    words: 'A declared freeze limited to services holds a change touching any of them, and a change naming no service at all (it could touch any); limited to environments, it holds deploys to those; with both limits, both must match.',
    source: 'lib/policy/freeze-window.ts', quote: 'a freeze limited to services holds a change',
  },
  {
    control: 'CTRL-012.2', topic: 'Unrelated deploys during an incident',
    words: 'An active SEV1 or SEV2 incident holds every change not linked to it as its fix, whatever services the change touches. A change linked as its cause is held too.',
    source: 'lib/policy/freeze-window.ts', quote: 'an active SEV1/SEV2 blocks every unrelated change',
  },
  {
    control: 'CTRL-012.2', topic: 'When an incident is active',
    words: 'An incident is active from its start until it is resolved. An unresolved incident counts as active at any later time, also when a pipeline previews a future deploy.',
    source: 'lib/policy/freeze-window.ts', quote: 'an incident is active over [startedAt, resolvedAt)',
  },
  {
    control: 'CTRL-012.2', topic: 'Override period',
    words: 'A freeze override is in force from the moment it is granted until it expires; revoking it ends it at once.',
    source: 'lib/policy/freeze-window.ts', quote: 'an override is in force over [grantedAt, expiresAt)',
  },
  {
    control: 'CTRL-012.2', topic: 'Several overrides',
    words: 'When several overrides are in force for one change, the one an incident commander granted counts (it also lifts their incident’s block); otherwise the latest.',
    source: 'lib/server/gate/check-gate.ts', quote: 'with several overrides in force',
  },
  {
    control: 'CTRL-012.2', topic: 'Next allowed time: the calendar only',
    words: 'A denial says when the calendar next lets the change through, even when approvals are missing too; while an incident holds the change it gives no time, since the incident’s end is unknown.',
    source: 'lib/server/gate/check-gate.ts', quote: 'nextAllowedAt answers the calendar only',
  },
  {
    control: 'CTRL-012.2', topic: 'Next allowed time: how far ahead',
    words: 'To find the next allowed time the gate reads holidays and declared freezes up to 30 days ahead: a freeze starting later is not yet taken into account there.',
    source: 'lib/server/gate/check-gate.ts', quote: 'a next opening beyond 30 days',
  },
  {
    control: 'CTRL-012.2', topic: 'A calendar closed for a year',
    words: 'When the calendar stays closed for more than a year, the gate gives no next allowed time: that is a setting to fix, not a date to wait for.',
    source: 'lib/policy/freeze-window.ts', quote: 'a calendar closed for over a year',
  },
  {
    control: 'CTRL-012.2', topic: 'Previews',
    words: 'A pipeline may preview the answer for another time. Previews are recorded but authorize no deploy, so they are not written to the audit trail; real checks are.',
    source: 'lib/server/gate/check-gate.ts', quote: 'previews are recorded as gate decisions but not audited',
  },
  {
    control: 'CTRL-012.3', topic: 'Migration plans where the gate is on',
    words: 'A change’s migration plans must be complete before it deploys to a gated environment. Ungated environments such as staging take it earlier, because the plan’s checklist asks for a staging test.',
    source: 'lib/server/gate/check-gate.ts', quote: 'migration plans must be complete only where the gate is on',
  },
  {
    control: 'CTRL-012.2', topic: 'Which changes can get an override',
    words: 'Only a change that may still deploy can get a freeze override: submitted (approvals may still be coming; the gate keeps asking for them), approved or deployed. Drafts, rejected, cancelled and closed changes cannot.',
    source: 'lib/policy/override-rules.ts', quote: 'only a change that may still be deployed can be overridden',
  },
  {
    control: 'CTRL-012.2', topic: 'An incident commander’s authority',
    words: 'An incident commander may grant overrides while their SEV1/SEV2 incident is active; a SEV3 or SEV4 blocks nothing, so it grants nothing.',
    source: 'lib/policy/override-rules.ts', quote: 'the commander\'s authority lasts while their SEV1/SEV2',
  },
  {
    control: 'CTRL-012.2', topic: 'Commander of several incidents',
    words: 'When the grantor commands several incidents the change fixes, the override lifts the block of the most severe, earliest one.',
    source: 'lib/policy/override-rules.ts', quote: 'commanding several incidents this change fixes',
  },
  {
    control: 'EXCEPTION-PATH', topic: 'A written justification',
    words: 'An override’s justification must be a sentence a reader can act on: at least 20 characters and three words.',
    source: 'lib/policy/override-rules.ts', quote: '"documented justification" means a sentence',
  },
  {
    control: 'EXCEPTION-PATH', topic: 'Who asks and who approves',
    words: 'An override is asked for by one person and approved by another: the grantor cannot also be its requester.',
    source: 'lib/policy/override-rules.ts', quote: 'an exception is asked for by one person and approved by another',
  },
  {
    control: 'EXCEPTION-PATH', topic: 'Override entries in the exceptions log',
    words: 'An override’s exceptions-log entry is documented from the moment it is granted, since its approval and written justification come first; its deadline is the override’s expiry.',
    source: 'lib/policy/exception-log.ts', quote: 'a freeze override\'s entry is documented from the moment',
  },
  {
    control: 'CTRL-012.2', topic: 'Incident times',
    words: 'An incident may be resolved at the very instant it started (a blip); neither its start nor its resolution may lie in the future.',
    source: 'lib/policy/incident.ts', quote: 'a resolution at the very instant of the start is allowed',
  },
  {
    control: 'CTRL-012.2', topic: 'What the banner calls production',
    words: 'The “production is frozen” banner speaks for the gated production environments; a freeze limited to some services counts too and the banner names them.',
    source: 'lib/policy/freeze-calendar.ts', quote: '"production" means the gated production environments',
  },
  {
    control: 'CTRL-012.2', topic: 'The banner speaks for every class',
    words: 'The banner names which classes are held and until when, and which may deploy, rather than speaking for one class.',
    source: 'lib/policy/freeze-calendar.ts', quote: 'the banner speaks for every class at once',
  },
  {
    control: 'CTRL-012.3', topic: 'Rolled-back migrations',
    words: 'A rolled-back migration no longer holds its change: its outcome is recorded for the rollback rate, and running it again means planning it again.',
    source: 'lib/policy/migration-plan.ts', quote: 'a rolled-back migration does not hold the change either',
  },
  {
    control: 'CTRL-012.3', topic: 'Late failures',
    words: 'A migration can be rolled back while it runs or after it reported success, when it fails late.',
    source: 'lib/policy/migration-plan.ts', quote: 'a plan can be rolled back while running or after it reported success',
  },
  {
    control: 'CTRL-012.3', topic: 'Outcomes after the change ends',
    words: 'The outcome of a migration already running is still recorded after its change is closed or cancelled: it happened, and the rollback rate counts it.',
    source: 'lib/policy/migration-plan.ts', quote: 'the outcome of a migration already running',
  },
  {
    control: 'CTRL-012.5', topic: 'Low TTL',
    words: 'A DNS change’s “low-TTL rollout” means a TTL of at most 300 seconds while it rolls out.',
    source: 'lib/policy/config-change.ts', quote: '"low-TTL rollout" means a TTL of at most 300 seconds',
  },
  {
    control: 'CTRL-012.5', topic: 'Reviews and the two-person rule',
    words: 'Reviews and peer reviews are recorded as a confirmation by someone other than the requester, next to the pull-request link. A flag change is recorded through the flag inventory’s audit log, an automated secret rotation through its run.',
    source: 'lib/policy/config-change.ts', quote: '"reviewed" and "peer review" are recorded as a confirmation',
  },
  {
    control: 'CTRL-012.5', topic: 'Who runs a configuration change',
    words: 'The requester’s team may edit and apply a configuration change for an absent requester; confirming it is separate and open to any other person.',
    source: 'lib/policy/config-change.ts', quote: 'the requester\'s team runs the change',
  },
  {
    control: 'CTRL-012.3', topic: 'What counts as executed',
    words: 'The migration rollback rate divides rolled-back migrations by executed ones, and a migration counts as executed once it has an outcome (succeeded or rolled back); one still running has none yet.',
    source: 'lib/policy/migration-plan.ts', quote: 'a migration counts as executed once it has an outcome',
  },
  {
    control: 'CTRL-012.4', topic: 'Long-lived flags',
    words: 'Ops and permission flags (kill switches, entitlements) never expire by rule, only by an explicit expiry; a release flag that never reached 100 % is still rolling out and has no TTL yet.',
    source: 'lib/policy/flag-staleness.ts', quote: 'ops and permission flags are long-lived',
  },
  {
    control: 'CTRL-012.4', topic: 'Extensions in the monthly audit',
    words: 'An owner may extend a stale flag by at most 90 days, with a reason, so a kept flag comes back to the monthly audit at least once a quarter.',
    source: 'lib/policy/flag-discipline.ts', quote: 'an extension lasts at most 90 days',
  },
  {
    control: 'CTRL-012.4', topic: 'Who decides in the monthly audit',
    words: 'The flag’s owner and the people of its team, its manager included, decide whether a stale flag is removed or extended; managers and administrators of other teams only read.',
    source: 'lib/policy/flag-discipline.ts', quote: '"manager of the flag\'s team" is the manager whose team',
  },
  {
    control: 'KPI Linkage', topic: 'Change lead time target',
    words: 'The target "< 4 hours (standard)" is met when the median lead time of standard changes in the period is under 4 hours: the typical change, which a few slow ones do not swing. The 90th percentile and every class are shown beside it.',
    source: 'lib/policy/kpis.ts', quote: 'the policy\'s "< 4 hours (standard)" is read as the median lead time of standard changes',
  },
];
