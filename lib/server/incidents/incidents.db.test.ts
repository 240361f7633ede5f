import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { declareIncident } from '@/lib/server/incidents/declare-incident';
import { updateIncident } from '@/lib/server/incidents/update-incident';
import { resolveIncident } from '@/lib/server/incidents/resolve-incident';
import { reopenIncident } from '@/lib/server/incidents/reopen-incident';
import { getIncident, listIncidents } from '@/lib/server/incidents/queries';
import { checkGate, isGateVerdict } from '@/lib/server/gate/check-gate';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { createEnvironment, createService, createTeam, createUser, reviewers, submittedChange, uniqueSuffix } from '@/prisma/factories';
import type { DeclareIncidentInput } from '@/lib/schemas/incident';
import type { ChangeClass } from '@/lib/policy/change-class';

// Fixed instants in September 2026, before every other test file's incidents: the gate reads every
// active SEV1/SEV2, so each blocking incident made here is resolved within its own test (and in
// afterAll, should a test fail half-way) and never holds another file's checks.
const AT = new Date('2026-09-15T10:00:00Z'); // a Tuesday, outside the weekly window
const MINUTE = 60_000;
const minutesAfter = (minutes: number, from = AT) => new Date(from.getTime() + minutes * MINUTE);

const blocking = new Set<string>();

afterAll(async () => {
  await db.incident.updateMany({ where: { id: { in: [...blocking] }, resolvedAt: null }, data: { resolvedAt: minutesAfter(120) } });
  await db.$disconnect();
});

async function cast() {
  const team = await createTeam();
  const [service, otherService] = [await createService(team.id), await createService(team.id)];
  const [engineer, commander, bystander] = [await createUser({ teamId: team.id }), await createUser({ teamId: team.id }), await createUser()];
  return { team, service, otherService, engineer, commander, bystander };
}

function input(overrides: Partial<DeclareIncidentInput> & Pick<DeclareIncidentInput, 'commanderId'>): DeclareIncidentInput {
  return { title: `Incident ${uniqueSuffix()}`, summary: '', severity: 'sev3', startedAt: minutesAfter(-30), resolvedAt: null, serviceIds: [], ...overrides };
}

const eventsOf = (incidentId: string) =>
  db.auditEvent.findMany({ where: { entityType: 'incident', entityId: incidentId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, tokenId: true, at: true, changeSet: true } });

const rowOf = (id: string) =>
  db.incident.findUniqueOrThrow({ where: { id }, select: { title: true, severity: true, startedAt: true, resolvedAt: true, commanderId: true, version: true, services: { select: { serviceId: true } } } });

async function serviceToken() {
  const admin = await createUser({ role: 'admin' });
  return db.apiToken.create({ data: { name: 'incident tool', kind: 'service', tokenHash: randomBytes(32), prefix: 'cb_test', scopes: ['incidents:write'], createdById: admin.id }, select: { id: true } });
}

describe('declareIncident', () => {
  test('an engineer declares an incident with its services; the row and its audit event are written together', async () => {
    const { engineer, commander, service, otherService } = await cast();
    const declared = input({ commanderId: commander.id, severity: 'sev2', serviceIds: [service.id, otherService.id, service.id], summary: 'Logins time out.', startedAt: minutesAfter(-90), resolvedAt: minutesAfter(-60) });

    const { id, number, version } = await declareIncident({ actor: engineer, at: AT, incident: declared });

    expect(version).toBe(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ title: declared.title, severity: 'sev2', commanderId: commander.id, startedAt: minutesAfter(-90), resolvedAt: minutesAfter(-60), version: 1 });
    expect(row.services.map((link) => link.serviceId).sort()).toEqual([service.id, otherService.id].sort());
    const events = await eventsOf(id);
    expect(events).toEqual([{
      action: 'incident.declared', actorId: engineer.id, tokenId: null, at: AT,
      changeSet: {
        number, before: null,
        after: { title: declared.title, summary: 'Logins time out.', severity: 'sev2', startedAt: minutesAfter(-90).toISOString(), resolvedAt: minutesAfter(-60).toISOString(), commanderId: commander.id, serviceIds: [service.id, otherService.id].sort() },
      },
    }]);
  });

  test('an auditor is refused; the attempt is recorded and nothing else is written', async () => {
    const { commander } = await cast();
    const auditor = await createUser({ role: 'auditor' });
    const declared = input({ commanderId: commander.id });

    await expect(declareIncident({ actor: auditor, at: AT, incident: declared })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await db.incident.count({ where: { title: declared.title } })).toBe(0);
    const denied = await db.auditEvent.findMany({ where: { actorId: auditor.id }, select: { action: true, entityType: true, changeSet: true } });
    expect(denied).toEqual([{ action: 'incident.declare-denied', entityType: 'incident', changeSet: { title: declared.title, severity: 'sev3' } }]);
  });

  test.each([
    { label: 'an unknown commander', make: (ids: { service: string }) => ({ commanderId: randomUUID(), serviceIds: [ids.service] }), fieldErrors: { commanderId: [expect.stringContaining('Unknown, disabled or read-only')] } },
    { label: 'an unknown service', make: (ids: { commander: string }) => ({ commanderId: ids.commander, serviceIds: [randomUUID()] }), fieldErrors: { serviceIds: ['Unknown service.'] } },
    { label: 'an auditor as commander', make: (ids: { auditor: string }) => ({ commanderId: ids.auditor }), fieldErrors: { commanderId: [expect.stringContaining('read-only')] } },
    { label: 'a disabled commander', make: (ids: { disabled: string }) => ({ commanderId: ids.disabled }), fieldErrors: { commanderId: [expect.stringContaining('disabled')] } },
    { label: 'a start in the future', make: (ids: { commander: string }) => ({ commanderId: ids.commander, startedAt: minutesAfter(10) }), fieldErrors: { startedAt: ['It cannot start in the future.'] } },
    { label: 'a resolution in the future', make: (ids: { commander: string }) => ({ commanderId: ids.commander, resolvedAt: minutesAfter(10) }), fieldErrors: { resolvedAt: ['It cannot be resolved in the future.'] } },
  ])('refuses $label with a field error and writes nothing', async ({ make, fieldErrors }) => {
    const { engineer, commander, service } = await cast();
    const [auditor, disabled] = [await createUser({ role: 'auditor' }), await createUser({ isActive: false })];
    const declared = input(make({ commander: commander.id, service: service.id, auditor: auditor.id, disabled: disabled.id }));
    const eventsBefore = await db.auditEvent.count();

    await expect(declareIncident({ actor: engineer, at: AT, incident: declared })).rejects.toMatchObject({ code: 'INVALID', fieldErrors });

    expect(await db.incident.count({ where: { title: declared.title } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: engineer.id } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });

  test('concurrent declarations get distinct numbers from the sequence', async () => {
    const { engineer, commander } = await cast();
    const results = await Promise.all(Array.from({ length: 3 }, () => declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id, severity: 'sev4' }) })));
    expect(new Set(results.map((result) => result.number)).size).toBe(3);
    for (const { id, number } of results) expect((await eventsOf(id)).map((event) => [event.action, (event.changeSet as { number: number }).number])).toEqual([['incident.declared', number]]);
  });

  test('a service token (an incident tool) declares with the commander it names; the event names the token', async () => {
    const { commander } = await cast();
    const token = await serviceToken();
    const { id } = await declareIncident({ actor: null, tokenId: token.id, at: AT, incident: input({ commanderId: commander.id, severity: 'sev4' }) });
    expect((await rowOf(id)).commanderId).toBe(commander.id);
    expect(await eventsOf(id)).toMatchObject([{ action: 'incident.declared', actorId: null, tokenId: token.id }]);
  });
});

describe('updateIncident', () => {
  test('the commander edits severity, title and services; one edit event carries before, after and what changed', async () => {
    const { engineer, commander, service, otherService } = await cast();
    const { id, number } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id, serviceIds: [service.id] }) });

    const result = await updateIncident({ actor: commander, at: minutesAfter(5), incidentId: id, expectedVersion: 1, patch: { severity: 'sev4', title: 'Search is slow', serviceIds: [otherService.id] } });

    expect(result).toEqual({ version: 2, changed: ['title', 'severity', 'serviceIds'] });
    const row = await rowOf(id);
    expect(row).toMatchObject({ title: 'Search is slow', severity: 'sev4', version: 2, services: [{ serviceId: otherService.id }] });
    const edited = (await eventsOf(id)).at(-1)!;
    expect(edited).toMatchObject({ action: 'incident.edited', actorId: commander.id, at: minutesAfter(5) });
    expect(edited.changeSet).toMatchObject({ number, changed: ['title', 'severity', 'serviceIds'], before: { severity: 'sev3', serviceIds: [service.id] }, after: { title: 'Search is slow', severity: 'sev4', serviceIds: [otherService.id] } });
  });

  test('a stale version is refused and changes nothing', async () => {
    const { engineer, commander } = await cast();
    const { id } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id }) });
    await updateIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, patch: { title: 'First edit' } });

    await expect(updateIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, patch: { title: 'Lost edit' } })).rejects.toMatchObject({ code: 'STALE_VERSION' });

    expect(await rowOf(id)).toMatchObject({ title: 'First edit', version: 2 });
    expect((await eventsOf(id)).map((event) => event.action)).toEqual(['incident.declared', 'incident.edited']);
  });

  test('an engineer who is not the commander is refused and recorded; a manager may edit', async () => {
    const { engineer, commander, bystander } = await cast();
    const manager = await createUser({ role: 'manager' });
    const { id } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id }) });

    await expect(updateIncident({ actor: bystander, at: AT, incidentId: id, expectedVersion: 1, patch: { severity: 'sev1' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rowOf(id)).toMatchObject({ severity: 'sev3', version: 1 });
    expect(await eventsOf(id)).toMatchObject([{ action: 'incident.declared' }, { action: 'incident.edit-denied', actorId: bystander.id }]);

    await updateIncident({ actor: manager, at: AT, incidentId: id, expectedVersion: 1, patch: { commanderId: bystander.id } });
    expect(await rowOf(id)).toMatchObject({ commanderId: bystander.id, version: 2 });
  });

  test('a start moved after the resolution is refused on the start field, and nothing is written', async () => {
    const { engineer, commander } = await cast();
    const { id } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id, startedAt: minutesAfter(-60), resolvedAt: minutesAfter(-30) }) });
    await expect(updateIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, patch: { startedAt: minutesAfter(-10) } }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { startedAt: ['It cannot start after it was resolved.'] } });
    expect(await rowOf(id)).toMatchObject({ startedAt: minutesAfter(-60), version: 1 });
    expect(await eventsOf(id)).toHaveLength(1);
  });
});

describe('resolveIncident and reopenIncident', () => {
  test('the commander resolves, resolving twice is a conflict, and reopening makes it active again; each step audited', async () => {
    const { engineer, commander } = await cast();
    const { id } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id, severity: 'sev4' }) });

    await expect(resolveIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, resolvedAt: minutesAfter(-31) }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { resolvedAt: ['It cannot be resolved before it started.'] } });
    await expect(resolveIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, resolvedAt: minutesAfter(6) }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { resolvedAt: ['It cannot be resolved in the future.'] } });
    expect(await rowOf(id)).toMatchObject({ resolvedAt: null, version: 1 });

    // Within the clock skew, a resolution a few minutes ahead is taken as given.
    expect(await resolveIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, resolvedAt: minutesAfter(4) })).toEqual({ version: 2 });
    expect(await rowOf(id)).toMatchObject({ resolvedAt: minutesAfter(4), version: 2 });
    await expect(resolveIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 2, resolvedAt: minutesAfter(4) })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already resolved') });

    expect(await reopenIncident({ actor: commander, at: minutesAfter(10), incidentId: id, expectedVersion: 2 })).toEqual({ version: 3 });
    expect(await rowOf(id)).toMatchObject({ resolvedAt: null, version: 3 });
    await expect(reopenIncident({ actor: commander, at: minutesAfter(10), incidentId: id, expectedVersion: 3 })).rejects.toMatchObject({ code: 'CONFLICT' });

    const events = await eventsOf(id);
    expect(events.map((event) => event.action)).toEqual(['incident.declared', 'incident.resolved', 'incident.reopened']);
    expect(events[1]!.changeSet).toMatchObject({ before: { resolvedAt: null }, after: { resolvedAt: minutesAfter(4).toISOString() } });
    expect(events[2]!.changeSet).toMatchObject({ before: { resolvedAt: minutesAfter(4).toISOString() }, after: { resolvedAt: null } });
  });

  test('someone who is not the commander, a manager or an admin cannot resolve or reopen; the attempts are recorded', async () => {
    const { engineer, commander, bystander } = await cast();
    const auditor = await createUser({ role: 'auditor' });
    const { id } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id, severity: 'sev4' }) });

    await expect(resolveIncident({ actor: bystander, at: AT, incidentId: id, expectedVersion: 1, resolvedAt: AT })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resolveIncident({ actor: auditor, at: AT, incidentId: id, expectedVersion: 1, resolvedAt: AT })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await createUser({ role: 'admin' });
    await resolveIncident({ actor: admin, at: AT, incidentId: id, expectedVersion: 1, resolvedAt: AT });
    await expect(reopenIncident({ actor: engineer, at: AT, incidentId: id, expectedVersion: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect((await eventsOf(id)).map((event) => [event.action, event.actorId])).toEqual([
      ['incident.declared', engineer.id], ['incident.resolve-denied', bystander.id], ['incident.resolve-denied', auditor.id], ['incident.resolved', admin.id], ['incident.reopen-denied', engineer.id],
    ]);
    expect(await rowOf(id)).toMatchObject({ resolvedAt: AT, version: 2 });
  });

  test('of two resolutions racing on one version, exactly one wins', async () => {
    const { engineer, commander } = await cast();
    const { id } = await declareIncident({ actor: engineer, at: AT, incident: input({ commanderId: commander.id, severity: 'sev4' }) });
    const results = await Promise.allSettled([minutesAfter(-2), minutesAfter(-1)].map((resolvedAt) => resolveIncident({ actor: commander, at: AT, incidentId: id, expectedVersion: 1, resolvedAt })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'STALE_VERSION' } });
    expect((await eventsOf(id)).filter((event) => event.action === 'incident.resolved')).toHaveLength(1);
  });
});

describe('the gate and a declared incident', () => {
  async function approvedChange(changeClass: ChangeClass, overrides: Parameters<typeof submittedChange>[1] = {}) {
    const change = await submittedChange(changeClass, overrides);
    for (const approver of await reviewers(changeClass === 'normal' ? 2 : 1)) {
      await recordApprovalDecision({ actor: approver, at: minutesAfter(-24 * 60), changeId: change.id, contentVersion: 1, decision: 'approve', comment: '' });
    }
    return change;
  }

  test('an active SEV1 declared through the use-case denies an unrelated approved change and lets its linked fix through, until resolved', async () => {
    const { engineer, commander } = await cast();
    const environment = await createEnvironment({ isProduction: true, isGated: true });
    const { id, number } = await declareIncident({ actor: engineer, at: minutesAfter(-15), incident: input({ commanderId: commander.id, severity: 'sev1', startedAt: minutesAfter(-15) }) });
    blocking.add(id);
    const unrelated = await approvedChange('normal');
    const fix = await approvedChange('emergency', { incidentLinks: [{ incidentId: id, link: 'fixes' }] });
    const ask = async (changeId: string, at: Date) => {
      const result = await checkGate({ actor: null, at, check: { changeId, environment: environment.slug }, requestId: randomUUID() });
      if (!isGateVerdict(result)) throw new Error(`Expected a decision, got ${result.reason.code}`);
      return result;
    };

    const denied = await ask(unrelated.id, AT);
    expect(denied).toMatchObject({ decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'INCIDENT_ACTIVE', message: expect.stringContaining(`INC-${number}`) }] });
    expect(await ask(fix.id, AT)).toMatchObject({ decision: 'allow', reasons: [] });
    // The list shows it as blocking deploys.
    const { items } = await listIncidents({ state: 'active', severity: 'sev1' }, AT);
    expect(items.find((item) => item.id === id)).toMatchObject({ isActive: true, isBlocking: true });
    expect((await getIncident(engineer, id, AT)).changes).toEqual([{ link: 'fixes', change: expect.objectContaining({ id: fix.id }) }]);

    await resolveIncident({ actor: commander, at: minutesAfter(30), incidentId: id, expectedVersion: 1, resolvedAt: minutesAfter(30) });
    expect((await ask(unrelated.id, minutesAfter(30))).decision).toBe('allow');
    // Before the resolution it still held: the interval is half-open [startedAt, resolvedAt).
    expect((await ask(unrelated.id, minutesAfter(29))).decision).toBe('deny');
  });
});
