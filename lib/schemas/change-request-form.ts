// Reads the change-request form into the shape ZChangeRequestContent validates.
import { localInputToIso } from '@/lib/time/local-input';

const LIST_FIELDS = ['serviceIds', 'environmentIds', 'coAuthorIds'] as const;
/** Textareas holding one entry per line. */
const LINE_FIELDS = ['pullRequestUrls', 'changedPaths'] as const;
/** Optional single values where blank means "none". */
const NULLABLE_FIELDS = ['adrUrl', 'prLabel'] as const;
const TEXT_FIELDS = ['title', 'description', 'changeClass', 'risk', 'teamId', 'rollbackPlan', 'notes'] as const;
/** `datetime-local` inputs, typed in the policy zone. */
const LOCAL_TIME_FIELDS = ['plannedStart', 'plannedEnd'] as const;
/** One select per offered incident, named `incident:<id>`; its value is '', 'fixes', 'caused' or 'fixes,caused'. */
export const INCIDENT_FIELD_PREFIX = 'incident:';

/** The incident links the form's per-incident selects name (left for ZChangeRequestContent to check). */
function incidentLinksFromForm(formData: FormData): { incidentId: string; link: string }[] {
  const links: { incidentId: string; link: string }[] = [];
  for (const key of new Set(formData.keys())) {
    if (!key.startsWith(INCIDENT_FIELD_PREFIX)) continue;
    const incidentId = key.slice(INCIDENT_FIELD_PREFIX.length);
    for (const value of formData.getAll(key)) {
      if (typeof value !== 'string') continue;
      for (const link of value.split(',').map((part) => part.trim()).filter(Boolean)) links.push({ incidentId, link });
    }
  }
  return links;
}

/**
 * Text fields only when the form carries them, so an edit leaves the others (set through the API)
 * as they are. Lists are always read: an unticked checkbox group submits nothing at all. So are the
 * incident links: the form offers every incident the change is linked to.
 */
export function changeContentFromForm(formData: FormData, timeZone: string): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) if (formData.has(field)) content[field] = formData.get(field);
  for (const field of LIST_FIELDS) content[field] = formData.getAll(field);
  content.incidentLinks = incidentLinksFromForm(formData);
  for (const field of LINE_FIELDS) {
    const value = formData.get(field);
    if (typeof value === 'string') content[field] = value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  }
  for (const field of LOCAL_TIME_FIELDS) {
    const value = formData.get(field);
    if (typeof value === 'string') content[field] = localInputToIso(value, timeZone);
  }
  for (const field of NULLABLE_FIELDS) {
    const value = formData.get(field);
    if (typeof value === 'string') content[field] = value.trim() === '' ? null : value.trim();
  }
  return content;
}
