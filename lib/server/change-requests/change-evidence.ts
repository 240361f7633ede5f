// The evidence of one change for CTRL-012.1, as an auditor samples it: the change with every field,
// its content versions, the approvals and the verdict they give, the policy settings version in
// force, and the change's audit events with their chain hashes. Times are ISO 8601 UTC.
import { db } from '@/lib/server/db';
import { approvalRecord } from '@/lib/server/change-requests/approval-record';
import { getChange } from '@/lib/server/change-requests/get-change';
import { changeEventsWhere } from '@/lib/server/audit-events/queries';
import { changeReference } from '@/lib/policy/change-class';
import type { Actor } from '@/lib/policy/permissions';

export const EVIDENCE_FORMAT = 'changeboard.change-evidence/1';

/** A record as JSON: instants become ISO 8601 UTC strings, bytes hex, big integers numbers. */
type Jsonified<T> = T extends Date | Uint8Array ? string
  : T extends bigint ? number
  : T extends readonly (infer Item)[] ? Jsonified<Item>[]
  : T extends object ? { [Key in keyof T]: Jsonified<T[Key]> }
  : T;

// Audit sequences stay far below 2^53, so numbers are exact.
function toJson<T>(value: T): Jsonified<T> {
  const convert = (item: unknown): unknown => {
    if (item instanceof Date) return item.toISOString();
    if (item instanceof Uint8Array) return Buffer.from(item).toString('hex');
    if (typeof item === 'bigint') return Number(item);
    if (Array.isArray(item)) return item.map(convert);
    if (item !== null && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, convert(inner)]));
    return item;
  };
  return convert(value) as Jsonified<T>;
}

type Person = { id: string; name: string | null; email: string | null };

async function peopleById(ids: Iterable<string>): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  const people = unique.length ? await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } }) : [];
  return new Map(people.map((person) => [person.id, person]));
}

/** The evidence of a change the actor may see; NOT_FOUND otherwise (from getChange). */
export async function changeEvidence(actor: Actor, changeId: string, at: Date) {
  const view = await getChange(actor, changeId, at);
  const { approvals, exceptions: _exceptions, ...change } = view.change;
  const [versions, events] = await Promise.all([
    db.changeRequestVersion.findMany({
      where: { changeRequestId: change.id },
      orderBy: { contentVersion: 'asc' },
      select: { contentVersion: true, snapshot: true, createdById: true, createdAt: true },
    }),
    changeEventsWhere(change.id).then((where) => db.auditEvent.findMany({
      where,
      orderBy: { seq: 'asc' },
      select: { seq: true, at: true, action: true, actorId: true, tokenId: true, requestId: true, changeSet: true, prevHash: true, rowHash: true },
    })),
  ]);
  const people = await peopleById([actor.id, ...versions.map((version) => version.createdById), ...events.flatMap((event) => (event.actorId ? [event.actorId] : []))]);
  // Someone the trail names may since have been deleted; the id still identifies them.
  const person = (id: string | null): Person | null => (id ? (people.get(id) ?? { id, name: null, email: null }) : null);

  return {
    format: EVIDENCE_FORMAT,
    control: 'POL-012 CTRL-012.1',
    generatedAt: at.toISOString(),
    generatedBy: person(actor.id),
    change: { reference: changeReference(change.number), ...toJson(change) },
    contentVersions: versions.map((version) => ({
      contentVersion: version.contentVersion,
      createdAt: version.createdAt.toISOString(),
      createdBy: person(version.createdById),
      snapshot: toJson(version.snapshot),
    })),
    approvals: approvals.map((approval) => approvalRecord(approval, change.contentVersion)),
    approvalVerdict: view.verdict,
    emergencyReview: toJson(view.emergencyReview),
    policySettings: { version: view.policyVersion, timeZone: view.timeZone },
    auditEvents: events.map((event) => ({
      seq: toJson(event.seq),
      at: event.at.toISOString(),
      action: event.action,
      actor: person(event.actorId),
      tokenId: event.tokenId,
      requestId: event.requestId,
      changeSet: toJson(event.changeSet),
      prevHash: toJson(event.prevHash),
      rowHash: toJson(event.rowHash),
    })),
  };
}

export type ChangeEvidence = Awaited<ReturnType<typeof changeEvidence>>;
