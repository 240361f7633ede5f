// The body of POST /api/v1/flags/import: JSON `{ content, dryRun, … }`, or the file itself as a
// text/csv body with the options as query parameters (handy for `curl --data-binary @flags.csv`).
import { z } from 'zod';
import { ApiError } from '@/lib/api/route';
import { FLAG_IMPORT_MAX_BYTES, type FlagImportFormat } from '@/lib/flags/flag-import';
import { ZFlagImportRequest, type FlagImportDefaults } from '@/lib/schemas/flag-import';

/** JSON string escapes can double a file's size; anything beyond this is refused unread. */
const MAX_BODY_BYTES = 2 * FLAG_IMPORT_MAX_BYTES + 65_536;

export type FlagImportApiRequest = { content: string; format: FlagImportFormat | 'auto'; dryRun: boolean; defaults: FlagImportDefaults; fileName: string };

export async function readFlagImportRequest(request: Request): Promise<FlagImportApiRequest> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, 'BAD_REQUEST', 'The request body is too large: files up to 10 MB are imported.');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, 'BAD_REQUEST', 'The request body is too large: files up to 10 MB are imported.');
  const isCsv = /^text\/(csv|plain)\b/i.test(request.headers.get('content-type') ?? '');
  const query = new URL(request.url).searchParams;
  const raw = isCsv ? {
    content: text,
    format: query.get('format') ?? 'changeboard-csv',
    dryRun: query.get('dryRun') === 'true' ? true : query.get('dryRun') === 'false' ? false : undefined,
    defaultOwnerEmail: query.get('defaultOwnerEmail'),
    defaultTeam: query.get('defaultTeam'),
  } : parseJson(text);
  const parsed = ZFlagImportRequest.safeParse(raw);
  if (!parsed.success) {
    const { formErrors, fieldErrors: byField } = z.flattenError(parsed.error);
    // Errors of the body as a whole (an unknown key) are reported under "_", as parseJsonBody does.
    const fieldErrors = { ...(byField as Record<string, string[] | undefined>), ...(formErrors.length ? { _: formErrors } : {}) };
    throw new ApiError(400, 'BAD_REQUEST', 'The request does not fit the schema.', fieldErrors);
  }
  const { content, format, dryRun, defaultOwnerEmail, defaultTeam } = parsed.data;
  return {
    content, format, dryRun,
    defaults: { ownerEmail: defaultOwnerEmail?.toLowerCase() ?? null, team: defaultTeam ?? null },
    fileName: query.get('fileName')?.slice(0, 255) || (isCsv ? 'api-upload.csv' : 'api-upload'),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'The request body is not valid JSON. Send { "content": "<file text>", "dryRun": true }, or the CSV itself as text/csv.');
  }
}
