import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { checkConfigReferences, configSnapshot, requireConfigWriter } from '@/lib/server/config-changes/lock-config-change';
import { unauthorizedConfigReason, type ConfigChangeFacts } from '@/lib/policy/config-change';
import type { Actor } from '@/lib/policy/permissions';
import type { ReportedConfigChange } from '@/lib/schemas/config-change';

type ReportConfigChangeInput = { actor: Actor; at: Date; input: ReportedConfigChange; requestId?: string };

/**
 * Records a configuration change already made in production outside its process, reported afterwards.
 * It is stored as applied at the time given and flagged unauthorized (CTRL-012.5: "No ad-hoc
 * production changes"), so it counts against the "Unauthorized changes: 0" KPI; the audit event names
 * the control's reason.
 * Assumption: the person who made the change stands as its requester (it is theirs), and the reporter
 * is the actor of the audit event; both are recorded. Reporting is open to every writer, so that
 * anyone who finds an ad-hoc change can bring it on record.
 */
export async function reportConfigChange({ actor, at, input, requestId }: ReportConfigChangeInput): Promise<{ id: string }> {
  await requireConfigWriter(actor, { action: 'config-change.report-denied', at, requestId, changeSet: { type: input.type } });
  // Only `at` (the entry point's clock) says what "now" is; the schema cannot know it.
  if (input.appliedAt > at) throw new DomainError('INVALID', 'A change cannot be reported before it was made.', { appliedAt: ['Give a time that has passed.'] });
  return db.$transaction(async (tx) => {
    await checkConfigReferences(tx, input);
    const madeById = input.madeById ?? actor.id;
    if (madeById !== actor.id && !(await tx.user.findUnique({ where: { id: madeById }, select: { id: true } }))) {
      throw new DomainError('INVALID', 'Check the highlighted fields.', { madeById: ['Unknown person.'] });
    }
    const { type, title, environmentId, serviceId, details, appliedAt } = input;
    const created = await tx.configChange.create({
      data: {
        type, title, environmentId, serviceId, details: details as Prisma.InputJsonValue, status: 'applied', isReportedAfter: true, appliedAt,
        requestedById: madeById, createdAt: at,
      },
      select: { id: true },
    });
    const reason = unauthorizedConfigReason({ type, details, requestedById: madeById, isReportedAfter: true } as ConfigChangeFacts);
    const after = configSnapshot({ type, title, status: 'applied', environmentId, serviceId, details, requestedById: madeById, isReportedAfter: true, appliedAt });
    await appendAudit(tx, {
      action: 'config-change.reported-unauthorized', entityType: 'config-change', entityId: created.id, actor, at, requestId,
      changeSet: { before: null, after, reportedById: actor.id, madeById, unauthorized: reason },
    });
    return created;
  });
}
