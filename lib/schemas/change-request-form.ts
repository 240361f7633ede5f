// Reads the change-request form into the shape ZChangeRequestContent validates.
const LIST_FIELDS = ['serviceIds', 'environmentIds', 'coAuthorIds'] as const;
/** Textareas holding one entry per line. */
const LINE_FIELDS = ['pullRequestUrls', 'changedPaths'] as const;
/** Optional single values where blank means "none". */
const NULLABLE_FIELDS = ['adrUrl', 'prLabel'] as const;
const TEXT_FIELDS = ['title', 'description', 'changeClass', 'risk', 'teamId', 'rollbackPlan', 'notes'] as const;

/**
 * Text fields only when the form carries them, so an edit leaves the others (set through the API)
 * as they are. Lists are always read: an unticked checkbox group submits nothing at all.
 */
export function changeContentFromForm(formData: FormData): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) if (formData.has(field)) content[field] = formData.get(field);
  for (const field of LIST_FIELDS) content[field] = formData.getAll(field);
  for (const field of LINE_FIELDS) {
    const value = formData.get(field);
    if (typeof value === 'string') content[field] = value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  }
  for (const field of NULLABLE_FIELDS) {
    const value = formData.get(field);
    if (typeof value === 'string') content[field] = value.trim() === '' ? null : value.trim();
  }
  return content;
}
