// Helpers for reading HTML form values into zod schemas.
/** Reads a FormData into a plain object; keys listed in `arrays` keep every value. */
export function formToObject(formData: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    result[key] = arrays.includes(key) ? formData.getAll(key) : formData.get(key);
  }
  for (const key of arrays) result[key] ??= [];
  return result;
}
