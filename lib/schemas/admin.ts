// Form inputs of the administration area. The actor never comes from a form.
import { z } from 'zod';
import { ROLES } from '@/lib/policy/permissions';
import { ZServiceTokenScopes, ZTokenLifetimeDays, ZTokenName } from '@/lib/schemas/api-token';

/** Lowercase kebab-case: team slugs start flag keys (`[team]-[feature]-[type]`, CTRL-012.4). */
export const ZSlug = z
  .string()
  .trim()
  .min(2, 'At least 2 characters.')
  .max(40, 'At most 40 characters.')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lowercase letters, digits and single hyphens only, e.g. "payments" or "data-platform".');

export const ZDisplayName = z
  .string()
  .trim()
  .min(1, 'Give it a name.')
  .max(100, 'At most 100 characters.')
  .regex(/^[^\u0000-\u001F\u007F]*$/, 'Remove control characters.');

/** An HTML checkbox: absent when unticked, "on" when ticked. */
const ZCheckbox = z.preprocess((value) => (value === undefined || value === null || value === '' ? false : value === 'on' || value === 'true' ? true : value), z.boolean());

/** A select whose empty option means "none". */
const ZOptionalId = (message: string) => z.preprocess((value) => (value === '' || value === undefined ? null : value), z.uuid(message).nullable());

const ZExpectedVersion = z.coerce.number().int().positive();

export const ZUserEdit = z.object({
  userId: z.uuid(),
  expectedVersion: ZExpectedVersion,
  role: z.enum(ROLES, 'Choose a role.'),
  isStaffPlus: ZCheckbox,
  isActive: ZCheckbox,
  teamId: ZOptionalId('Choose a team.'),
});
export type UserEdit = z.infer<typeof ZUserEdit>;

export const ZTeamCreate = z.object({ slug: ZSlug, name: ZDisplayName });
export type TeamCreate = z.infer<typeof ZTeamCreate>;

/** The slug is not editable: flag keys already carry it. */
export const ZTeamEdit = z.object({ teamId: z.uuid(), expectedVersion: ZExpectedVersion, name: ZDisplayName });
export type TeamEdit = z.infer<typeof ZTeamEdit>;

export const ZServiceCreate = z.object({ slug: ZSlug, name: ZDisplayName, teamId: z.uuid('Choose the owning team.') });
export type ServiceCreate = z.infer<typeof ZServiceCreate>;

export const ZServiceEdit = ZServiceCreate.extend({ serviceId: z.uuid(), expectedVersion: ZExpectedVersion });
export type ServiceEdit = z.infer<typeof ZServiceEdit>;

export const ZEnvironmentCreate = z.object({ slug: ZSlug, name: ZDisplayName, isProduction: ZCheckbox, isGated: ZCheckbox });
export type EnvironmentCreate = z.infer<typeof ZEnvironmentCreate>;

export const ZEnvironmentEdit = ZEnvironmentCreate.extend({ environmentId: z.uuid(), expectedVersion: ZExpectedVersion });
export type EnvironmentEdit = z.infer<typeof ZEnvironmentEdit>;

export const ZServiceTokenCreate = z.object({ name: ZTokenName, lifetimeDays: ZTokenLifetimeDays, scopes: ZServiceTokenScopes });

export const ZPersonalTokenCreate = z.object({ name: ZTokenName, lifetimeDays: ZTokenLifetimeDays });

export const ZTokenRevoke = z.object({ tokenId: z.uuid() });
