import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { requireAdministrator, type ChangeSet } from '@/lib/server/admin/admin-steps';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { ZPolicySettingsPublish, type PolicySettingsPublish } from '@/lib/schemas/policy-settings-form';
import type { Actor } from '@/lib/policy/permissions';

type PublishPolicySettingsInput = { actor: Actor; at: Date } & PolicySettingsPublish;

const EDITABLE = ['timeZone', 'emergencyReviewHours', 'overrideMaxHours', 'gateAllowValidMinutes', 'releaseFlagTtlDays', 'experimentFlagTtlDays', 'classScopeRules', 'weeklyWindows'] as const;

const ROW_LABEL: Partial<Record<PropertyKey, string>> = { classScopeRules: 'Rule', weeklyWindows: 'Window' };

/** Input errors as one INVALID; a rule's or window's error names its row (1-based, in the order given). */
function invalidInput(error: z.ZodError): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [field, row] = issue.path;
    const key = String(field ?? 'form');
    const label = field === undefined ? undefined : ROW_LABEL[field];
    const message = label && typeof row === 'number' ? `${label} ${row + 1}: ${issue.message}` : issue.message;
    (fieldErrors[key] ??= []).push(message);
  }
  return new DomainError('INVALID', 'Check the highlighted fields.', fieldErrors);
}

/**
 * Publishes a new policy settings version: the version in force with the admin's edits (time zone,
 * time limits and flag TTLs, class-scope rules, weekly windows; windows or an experiment flag TTL
 * left out carry over). Versions are append-only; the highest is in force, so nothing earlier changes
 * and every decision can name the version it used.
 */
export async function publishPolicySettings({ actor, at, ...input }: PublishPolicySettingsInput): Promise<{ version: number }> {
  await requireAdministrator({ actor, at, entityType: 'policy', entityId: String(input.expectedVersion), verb: 'publish' });
  const parsed = ZPolicySettingsPublish.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { expectedVersion, note, weeklyWindows, experimentFlagTtlDays, ...rest } = parsed.data;

  return db.$transaction(async (tx) => {
    // Two admins publishing from the same base queue here. The re-read below is a statement of its own:
    // under READ COMMITTED it sees a version committed while we waited, which the locking one would not.
    await tx.$queryRaw`SELECT version FROM policy_settings ORDER BY version DESC LIMIT 1 FOR UPDATE`;
    const current = await policySettingsInForce(tx);
    if (current.version !== expectedVersion) throw new DomainError('STALE_VERSION', `Someone published version ${current.version} meanwhile; reload.`);

    const edit = { ...rest, weeklyWindows: weeklyWindows ?? current.weeklyWindows, experimentFlagTtlDays: experimentFlagTtlDays ?? current.experimentFlagTtlDays };
    const changeSet: ChangeSet = {};
    for (const field of EDITABLE) {
      if (!isDeepStrictEqual(current[field], edit[field])) changeSet[field] = { old: current[field], new: edit[field] };
    }
    if (Object.keys(changeSet).length === 0) throw new DomainError('INVALID', 'Nothing changed.');

    const { version } = await tx.policySettings.create({
      data: { ...edit, note, createdById: actor.id, createdAt: at },
      select: { version: true },
    });
    await appendAudit(tx, {
      action: 'policy.published', entityType: 'policy', entityId: String(version), actor, at,
      changeSet: { version: { old: current.version, new: version }, note, ...changeSet },
    });
    return { version };
  });
}
