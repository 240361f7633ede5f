import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { updateChangeRequest } from '@/lib/server/change-requests/update-change-request';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { getChange } from '@/lib/server/change-requests/get-change';
import { changeDto } from '@/lib/api/dto/change';
import { ZChangeRequestPatch } from '@/lib/schemas/change-request';
import { createIncident, createTeamWithEngineer, createUser, draftFor, reviewers, submittedChange } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');
const HOUR = 3_600_000;

afterAll(() => db.$disconnect());

async function incidents() {
  const commander = await createUser({ role: 'manager' });
  const active = await createIncident({ commanderId: commander.id, severity: 'sev1', startedAt: new Date(AT.getTime() - 2 * HOUR) });
  const resolved = await createIncident({ commanderId: commander.id, severity: 'sev3', startedAt: new Date(AT.getTime() - 48 * HOUR), resolvedAt: new Date(AT.getTime() - 47 * HOUR) });
  return { active, resolved };
}

const links = (changeRequestId: string) =>
  db.changeIncident.findMany({ where: { changeRequestId }, select: { incidentId: true, link: true }, orderBy: [{ incidentId: 'asc' }, { link: 'asc' }] });

describe('incident links on a change request', () => {
  test('a new change is filed with its links, snapshotted, audited and read back with reference and state', async () => {
    const { active, resolved } = await incidents();
    const { team, service, engineer } = await createTeamWithEngineer();
    const incidentLinks = [{ incidentId: active.id, link: 'fixes' as const }, { incidentId: resolved.id, link: 'caused' as const }];
    const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id], 'emergency', { incidentLinks }) });

    expect(await links(id)).toEqual([...incidentLinks].sort((a, b) => (a.incidentId < b.incidentId ? -1 : 1)));
    const version = await db.changeRequestVersion.findFirstOrThrow({ where: { changeRequestId: id }, select: { snapshot: true } });
    expect((version.snapshot as { incidentLinks: unknown[] }).incidentLinks).toHaveLength(2);
    const created = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'change.created' }, select: { changeSet: true } });
    expect(created.changeSet).toMatchObject({ incidentLinks: expect.arrayContaining(incidentLinks) });

    const view = await getChange(engineer, id, AT);
    expect(changeDto(view).incidents).toEqual([
      { id: active.id, reference: `INC-${active.number}`, title: active.title, severity: 'sev1', link: 'fixes', isActive: true },
      { id: resolved.id, reference: `INC-${resolved.number}`, title: resolved.title, severity: 'sev3', link: 'caused', isActive: false },
    ]);
  });

  test('an edit replaces the links, and the change.edited diff names them', async () => {
    const { active, resolved } = await incidents();
    const { team, service, engineer } = await createTeamWithEngineer();
    const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id], 'normal', { incidentLinks: [{ incidentId: active.id, link: 'fixes' }] }) });

    const result = await updateChangeRequest({ actor: engineer, at: AT, changeId: id, expectedVersion: 1, patch: { incidentLinks: [{ incidentId: resolved.id, link: 'caused' }] } });
    expect(result).toMatchObject({ isMaterial: false, contentVersion: 1 });
    expect(await links(id)).toEqual([{ incidentId: resolved.id, link: 'caused' }]);
    const edited = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'change.edited' }, select: { changeSet: true } });
    expect(edited.changeSet).toMatchObject({
      incidentLinks: { old: [{ incidentId: active.id, link: 'fixes' }], new: [{ incidentId: resolved.id, link: 'caused' }] },
      material: [],
    });
    expect(Object.keys(edited.changeSet as object)).not.toContain('serviceIds');
  });

  test('an unknown incident is refused with a field error, and nothing is written', async () => {
    const { active } = await incidents();
    const { team, service, engineer } = await createTeamWithEngineer();
    const title = `Change ${randomUUID()}`;
    await expect(createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id], 'normal', { title, incidentLinks: [{ incidentId: randomUUID(), link: 'fixes' }] }) }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { incidentLinks: ['Unknown incident.'] } });
    expect(await db.changeRequest.count({ where: { title } })).toBe(0);

    const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id], 'normal', { incidentLinks: [{ incidentId: active.id, link: 'fixes' }] }) });
    await expect(updateChangeRequest({ actor: engineer, at: AT, changeId: id, expectedVersion: 1, patch: { incidentLinks: [{ incidentId: randomUUID(), link: 'caused' }] } }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { incidentLinks: ['Unknown incident.'] } });
    expect(await links(id)).toEqual([{ incidentId: active.id, link: 'fixes' }]);
    expect(await db.auditEvent.count({ where: { entityId: id, action: 'change.edited' } })).toBe(0);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id }, select: { version: true } })).version).toBe(1);
  });

  test('the same (incident, link) pair twice is refused by the schema', () => {
    const incidentId = randomUUID();
    const parsed = ZChangeRequestPatch.safeParse({ incidentLinks: [{ incidentId, link: 'fixes' }, { incidentId, link: 'fixes' }] });
    expect(parsed.success).toBe(false);
    expect(ZChangeRequestPatch.safeParse({ incidentLinks: [{ incidentId, link: 'fixes' }, { incidentId, link: 'caused' }] }).success).toBe(true);
  });

  test('linking an incident keeps an approval: the change stays approved on the same content version', async () => {
    const { active } = await incidents();
    const change = await submittedChange('standard');
    const [reviewer] = await reviewers(1);
    expect((await recordApprovalDecision({ actor: reviewer!, at: AT, changeId: change.id, contentVersion: 1, decision: 'approve', comment: 'Fine.' })).state).toBe('approved');
    const { version } = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { version: true } });

    const result = await updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: version, patch: { incidentLinks: [{ incidentId: active.id, link: 'fixes' }] } });
    expect(result).toEqual({ contentVersion: 1, status: 'approved', isMaterial: false });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true, contentVersion: true } })).toEqual({ status: 'approved', contentVersion: 1 });
    expect(await links(change.id)).toEqual([{ incidentId: active.id, link: 'fixes' }]);
  });
});
