import type { AdapterUser } from 'next-auth/adapters';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';

type ProvisionSsoUserInput = { email: string; name: string | null; at: Date };

/**
 * First SSO sign-in of a person: an engineer with no team until an admin says otherwise. Identities
 * are keyed on provider + subject, so an email already taken is refused rather than linked.
 */
export async function provisionSsoUser({ email, name, at }: ProvisionSsoUserInput): Promise<AdapterUser> {
  const normalisedEmail = email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: normalisedEmail }, select: { id: true } });
    if (taken) throw new DomainError('CONFLICT', 'This email belongs to an existing account; ask an admin to link it.');
    const user = await tx.user.create({
      data: { email: normalisedEmail, name, role: 'engineer' },
      select: { id: true, email: true, name: true, emailVerified: true, image: true },
    });
    await appendAudit(tx, { action: 'user.created', entityType: 'user', entityId: user.id, actor: null, at, changeSet: { email: normalisedEmail, role: 'engineer', source: 'sso' } });
    return user;
  });
}
