'use server';

import { requireUser } from '@/lib/auth/session-user';
import { keysFromLines, LINT_KEY_MAX_LENGTH, LINT_MAX_KEYS, ZFlagLintForm } from '@/lib/schemas/flag';
import { lintFlagKeys } from '@/lib/server/flags/queries';
import type { FlagLintState } from '@/components/flags/flag-lint-form';

/** Checks pasted keys; saves nothing, so every signed-in user may use it. */
export async function lintFlagKeysAction(_prev: FlagLintState, formData: FormData): Promise<FlagLintState> {
  await requireUser();
  const parsed = ZFlagLintForm.safeParse({ keys: formData.get('keys') ?? '' });
  const text = typeof formData.get('keys') === 'string' ? String(formData.get('keys')) : '';
  if (!parsed.success) return { status: 'error', message: parsed.error.issues[0]?.message ?? 'Paste some keys.', keys: '' };
  const keys = keysFromLines(parsed.data.keys);
  if (keys.length === 0) return { status: 'error', message: 'Paste at least one key.', keys: text };
  if (keys.length > LINT_MAX_KEYS) return { status: 'error', message: `At most ${LINT_MAX_KEYS.toLocaleString('en')} keys at once.`, keys: text };
  const tooLong = keys.find((key) => key.length > LINT_KEY_MAX_LENGTH);
  if (tooLong) return { status: 'error', message: `Each key has at most ${LINT_KEY_MAX_LENGTH} characters.`, keys: text };
  return { status: 'done', keys: text, ...(await lintFlagKeys(keys)) };
}
