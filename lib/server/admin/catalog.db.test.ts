// Teams, services and environments share their rules (admins only, unique slug, versioned edits,
// audited in the same transaction): one table of cases runs against each.
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/policy/permissions';
import { createTeam } from '@/lib/server/admin/create-team';
import { updateTeam } from '@/lib/server/admin/update-team';
import { createService } from '@/lib/server/admin/create-service';
import { updateService } from '@/lib/server/admin/update-service';
import { createEnvironment } from '@/lib/server/admin/create-environment';
import { updateEnvironment } from '@/lib/server/admin/update-environment';
import * as factory from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

type Kit = {
  entityType: 'team' | 'service' | 'environment';
  /** Creates through the use-case; returns the fields it audits. */
  create: (actor: Actor, slug: string) => Promise<{ id: string; fields: Record<string, unknown> }>;
  rename: (actor: Actor, id: string, expectedVersion: number, name: string) => Promise<unknown>;
  read: (id: string) => Promise<{ slug: string; name: string; version: number } | null>;
  findBySlug: (slug: string) => Promise<{ id: string } | null>;
};

const KITS: Kit[] = [
  {
    entityType: 'team',
    async create(actor, slug) {
      const fields = { slug, name: `Team ${slug}` };
      return { ...(await createTeam({ actor, at: AT, ...fields })), fields };
    },
    rename: (actor, teamId, expectedVersion, name) => updateTeam({ actor, at: AT, teamId, expectedVersion, name }),
    read: (id) => db.team.findUnique({ where: { id }, select: { slug: true, name: true, version: true } }),
    findBySlug: (slug) => db.team.findUnique({ where: { slug }, select: { id: true } }),
  },
  {
    entityType: 'service',
    async create(actor, slug) {
      const fields = { slug, name: `Service ${slug}`, teamId: (await factory.createTeam()).id };
      return { ...(await createService({ actor, at: AT, ...fields })), fields };
    },
    async rename(actor, serviceId, expectedVersion, name) {
      const { slug, teamId } = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { slug: true, teamId: true } });
      return updateService({ actor, at: AT, serviceId, expectedVersion, slug, teamId, name });
    },
    read: (id) => db.service.findUnique({ where: { id }, select: { slug: true, name: true, version: true } }),
    findBySlug: (slug) => db.service.findUnique({ where: { slug }, select: { id: true } }),
  },
  {
    entityType: 'environment',
    async create(actor, slug) {
      const fields = { slug, name: `Environment ${slug}`, isProduction: false, isGated: true };
      return { ...(await createEnvironment({ actor, at: AT, ...fields })), fields };
    },
    async rename(actor, environmentId, expectedVersion, name) {
      const current = await db.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { slug: true, isProduction: true, isGated: true } });
      return updateEnvironment({ actor, at: AT, environmentId, expectedVersion, ...current, name });
    },
    read: (id) => db.environment.findUnique({ where: { id }, select: { slug: true, name: true, version: true } }),
    findBySlug: (slug) => db.environment.findUnique({ where: { slug }, select: { id: true } }),
  },
];

function events(entityType: string, entityId: string) {
  return db.auditEvent.findMany({ where: { entityType, entityId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, at: true, changeSet: true } });
}

function freshSlug(): string {
  return `slug-${factory.uniqueSuffix()}`;
}

describe.each(KITS)('$entityType administration', (kit) => {
  test('an admin creates one: the row and its created event', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const slug = freshSlug();

    const { id, fields } = await kit.create(admin, slug);

    expect(await kit.read(id)).toMatchObject({ slug, version: 1 });
    expect(await events(kit.entityType, id)).toEqual([{ action: `${kit.entityType}.created`, actorId: admin.id, at: AT, changeSet: fields }]);
  });

  test('a taken slug is a CONFLICT on the slug field and adds nothing', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const slug = freshSlug();
    const { id } = await kit.create(admin, slug);
    const eventsBefore = await db.auditEvent.count();

    await expect(kit.create(admin, slug)).rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { slug: ['That slug is taken.'] } });

    expect(await kit.findBySlug(slug)).toEqual({ id });
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });

  test('a non-admin cannot create one; the attempt is audited', async () => {
    const engineer = await factory.createUser();
    const slug = freshSlug();

    await expect(kit.create(engineer, slug)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await kit.findBySlug(slug)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: `${kit.entityType}.create-denied`, actorId: engineer.id } })).toBe(1);
  });

  test('an admin renames it: the new version and an updated event with old and new name', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const { id, fields } = await kit.create(admin, freshSlug());

    await kit.rename(admin, id, 1, 'Renamed');

    expect(await kit.read(id)).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await events(kit.entityType, id)).at(-1)).toEqual({ action: `${kit.entityType}.updated`, actorId: admin.id, at: AT, changeSet: { name: { old: fields.name, new: 'Renamed' } } });
  });

  test('an edit made on an old version is STALE_VERSION and changes nothing', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const { id } = await kit.create(admin, freshSlug());
    await kit.rename(admin, id, 1, 'First edit');

    await expect(kit.rename(admin, id, 1, 'Second edit')).rejects.toMatchObject({ code: 'STALE_VERSION', message: `Someone else changed this ${kit.entityType}; reload.` });

    expect(await kit.read(id)).toMatchObject({ name: 'First edit', version: 2 });
    expect(await events(kit.entityType, id)).toHaveLength(2);
  });

  test('a non-admin cannot edit it; nothing changes and the attempt is audited', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const manager = await factory.createUser({ role: 'manager' });
    const { id, fields } = await kit.create(admin, freshSlug());

    await expect(kit.rename(manager, id, 1, 'Hijacked')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await kit.read(id)).toMatchObject({ name: fields.name, version: 1 });
    expect((await events(kit.entityType, id)).map((event) => [event.action, event.actorId])).toEqual([[`${kit.entityType}.created`, admin.id], [`${kit.entityType}.update-denied`, manager.id]]);
  });
});

describe('service specifics', () => {
  test('an unknown owning team is a field error and nothing is created', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const slug = freshSlug();

    await expect(createService({ actor: admin, at: AT, slug, name: 'Orphan', teamId: '00000000-0000-7000-8000-000000000000' }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { teamId: ['Unknown team.'] } });

    expect(await db.service.findUnique({ where: { slug }, select: { id: true } })).toBeNull();
  });

  test('moving a service to another team and re-slugging it is audited field by field; a taken slug is refused', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const [from, to] = [await factory.createTeam(), await factory.createTeam()];
    const service = await factory.createService(from.id);
    const taken = await factory.createService(from.id);
    const slug = freshSlug();

    await expect(updateService({ actor: admin, at: AT, serviceId: service.id, expectedVersion: 1, slug: taken.slug, name: service.name, teamId: from.id }))
      .rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { slug: ['That slug is taken.'] } });
    await updateService({ actor: admin, at: AT, serviceId: service.id, expectedVersion: 1, slug, name: service.name, teamId: to.id });

    expect(await db.service.findUniqueOrThrow({ where: { id: service.id }, select: { slug: true, teamId: true, version: true } })).toEqual({ slug, teamId: to.id, version: 2 });
    expect(await events('service', service.id)).toEqual([
      { action: 'service.updated', actorId: admin.id, at: AT, changeSet: { slug: { old: service.slug, new: slug }, teamId: { old: from.id, new: to.id } } },
    ]);
  });
});

describe('environment specifics', () => {
  test('turning the gate on for an environment is audited', async () => {
    const admin = await factory.createUser({ role: 'admin' });
    const environment = await factory.createEnvironment({ isGated: false });

    await updateEnvironment({ actor: admin, at: AT, environmentId: environment.id, expectedVersion: 1, slug: environment.slug, name: environment.name, isProduction: true, isGated: true });

    expect(await db.environment.findUniqueOrThrow({ where: { id: environment.id }, select: { isProduction: true, isGated: true, version: true } })).toEqual({ isProduction: true, isGated: true, version: 2 });
    expect((await events('environment', environment.id)).map((event) => event.changeSet)).toEqual([{ isProduction: { old: false, new: true }, isGated: { old: false, new: true } }]);
  });
});
