import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { canViewChange, type Actor } from '@/lib/policy/permissions';

export const CHANGE_PAGE_SIZE = 25;

/** Submitted changes are everyone's to see; drafts only their author's and team's. */
function visibleTo(actor: Actor): Prisma.ChangeRequestWhereInput {
  const own: Prisma.ChangeRequestWhereInput[] = [{ status: { not: 'draft' } }, { authorId: actor.id }];
  if (actor.teamId) own.push({ teamId: actor.teamId });
  return { OR: own };
}

const LIST_SELECT = {
  id: true, number: true, title: true, changeClass: true, status: true, createdAt: true,
  team: { select: { name: true } },
  author: { select: { name: true, email: true } },
  services: { select: { service: { select: { name: true } } } },
} satisfies Prisma.ChangeRequestSelect;

export type ChangeListItem = Prisma.ChangeRequestGetPayload<{ select: typeof LIST_SELECT }>;

/** Newest first, keyset-paginated on the change number (stable and index-backed). */
export async function listChanges(actor: Actor, { beforeNumber }: { beforeNumber?: number } = {}) {
  const rows = await db.changeRequest.findMany({
    where: { AND: [visibleTo(actor), beforeNumber ? { number: { lt: beforeNumber } } : {}] },
    orderBy: { number: 'desc' },
    take: CHANGE_PAGE_SIZE + 1,
    select: LIST_SELECT,
  });
  const hasMore = rows.length > CHANGE_PAGE_SIZE;
  const items = rows.slice(0, CHANGE_PAGE_SIZE);
  return { items, nextBeforeNumber: hasMore ? items.at(-1)!.number : undefined };
}

const DETAIL_SELECT = {
  id: true, number: true, title: true, description: true, changeClass: true, risk: true, status: true,
  version: true, contentVersion: true, authorId: true, teamId: true, createdAt: true, updatedAt: true,
  team: { select: { name: true } },
  author: { select: { name: true, email: true } },
  services: { select: { service: { select: { id: true, name: true } } } },
} satisfies Prisma.ChangeRequestSelect;

export type ChangeDetail = Prisma.ChangeRequestGetPayload<{ select: typeof DETAIL_SELECT }>;

/** One change the actor may see, or NOT_FOUND (another team's draft looks exactly like a missing one). */
export async function getChange(actor: Actor, changeId: string): Promise<ChangeDetail> {
  const change = await db.changeRequest.findUnique({ where: { id: changeId }, select: DETAIL_SELECT });
  if (!change || !canViewChange(actor, change)) throw new DomainError('NOT_FOUND', 'No such change request.');
  return change;
}

