// The steps every form action shares: sign-in check, schema parse, one use-case, DomainError → ActionState.
import { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth/session-user';
import { actionError, submittedValues, type ActionState } from '@/lib/actions/action-state';
import { formToObject } from '@/lib/schemas/form';
import { DomainError } from '@/lib/server/errors';

type FormActionOptions = {
  /** Fields that keep every value (checkbox groups). */
  arrays?: readonly string[];
  /** How to read the form when plain fields are not enough (e.g. one entry per textarea line). */
  read?: (formData: FormData) => Record<string, unknown>;
};

/**
 * Parses `formData` with `schema` and hands the input and the signed-in user to `run`, which calls one
 * use-case. Refusals come back with the typed values so the form keeps them; any other error goes
 * to the error boundary.
 */
export async function runFormAction<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<ActionState>,
  { arrays = [], read = (data) => formToObject(data, arrays) }: FormActionOptions = {},
): Promise<ActionState> {
  const user = await requireUser(); // may redirect: outside try
  const parsed = schema.safeParse(read(formData));
  if (!parsed.success) return actionError('Check the highlighted fields.', z.flattenError(parsed.error).fieldErrors, submittedValues(formData));
  try {
    return await run(parsed.data, user);
  } catch (error) {
    // Anything but a refusal goes on, including the redirect a successful `run` may end with.
    if (error instanceof DomainError) return actionError(error.message, error.fieldErrors, submittedValues(formData));
    throw error;
  }
}
