import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { createTeamWithEngineer, createUser, draftFor } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

describe('createChangeRequest', () => {
  test('writes the draft, its first content version and its audit event together', async () => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const draft = draftFor(team.id, [service.id], 'normal');

    const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draft });

    const change = await db.changeRequest.findUniqueOrThrow({ where: { id }, select: { status: true, authorId: true, changeClass: true, contentVersion: true, services: { select: { serviceId: true } }, versions: { select: { contentVersion: true } } } });
    expect(change).toEqual({ status: 'draft', authorId: engineer.id, changeClass: 'normal', contentVersion: 1, services: [{ serviceId: service.id }], versions: [{ contentVersion: 1 }] });
    const events = await db.auditEvent.findMany({ where: { entityType: 'change', entityId: id }, select: { action: true, actorId: true, at: true, changeSet: true } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'change.created', actorId: engineer.id, at: AT, changeSet: { status: { old: null, new: 'draft' }, title: draft.title } });
  });

  test('an auditor is refused, nothing is saved and the denied attempt is audited', async () => {
    const { team, service } = await createTeamWithEngineer();
    const auditor = await createUser({ role: 'auditor' });
    const draft = draftFor(team.id, [service.id]);

    await expect(createChangeRequest({ actor: auditor, at: AT, content: draft })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await db.changeRequest.count({ where: { title: draft.title } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'change.create-denied', actorId: auditor.id } })).toBe(1);
  });

  test('an unknown service is a field error and nothing is half-saved', async () => {
    const { team, engineer } = await createTeamWithEngineer();
    const draft = draftFor(team.id, ['00000000-0000-7000-8000-000000000000']);
    const eventsBefore = await db.auditEvent.count();

    const error = await createChangeRequest({ actor: engineer, at: AT, content: draft }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID', fieldErrors: { serviceIds: ['Unknown service.'] } });
    expect(await db.changeRequest.count({ where: { title: draft.title } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });
});
