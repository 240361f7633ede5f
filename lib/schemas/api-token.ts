import { z } from 'zod';
import { API_SCOPE_NAMES } from '@/lib/policy/api-scopes';
import { text } from '@/lib/schemas/text';

export const TOKEN_MAX_LIFETIME_DAYS = 366;

export const ZTokenName = text(100).min(1, 'Give the token a name.');

/** Days until expiry; empty means the token does not expire. */
export const ZTokenLifetimeDays = z.preprocess(
  (value) => (value === '' || value === undefined || value === null ? undefined : value),
  z.coerce.number().int('Whole days only.').min(1, 'At least 1 day.').max(TOKEN_MAX_LIFETIME_DAYS, `At most ${TOKEN_MAX_LIFETIME_DAYS} days.`).optional(),
);

export const ZServiceTokenScopes = z.array(z.enum(API_SCOPE_NAMES as [string, ...string[]])).min(1, 'Choose at least one scope.');
