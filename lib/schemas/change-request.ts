import { z } from 'zod';
import { CHANGE_CLASSES, RISK_LEVELS } from '@/lib/policy/change-class';

const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const ZChangeRequestDraft = z.object({
  title: z.string().trim().min(5, 'At least 5 characters.').max(200, 'At most 200 characters.').regex(NO_CONTROL_CHARS, 'Remove control characters.'),
  description: z.string().trim().max(20_000, 'At most 20,000 characters.').regex(NO_CONTROL_CHARS, 'Remove control characters.').default(''),
  changeClass: z.enum(CHANGE_CLASSES, 'Choose a class.'),
  risk: z.enum(RISK_LEVELS, 'Choose a risk level.').default('low'),
  teamId: z.uuid('Choose a team.'),
  serviceIds: z.array(z.uuid('Unknown service.')).min(1, 'Choose at least one service.').max(50, 'At most 50 services.'),
});

export type ChangeRequestDraft = z.infer<typeof ZChangeRequestDraft>;
