import { apiJson, authenticate, handleApi, personOf } from '@/lib/api/route';
import { idempotently } from '@/lib/api/idempotency';
import { readFlagImportRequest } from '@/lib/api/flag-import-request';
import { applyFlagImport, previewFlagImport, readFlagImportFile } from '@/lib/server/flags/import-flags';

/**
 * Imports flags from a Changeboard JSON/CSV file or an Unleash or LaunchDarkly export, as the token's
 * owner: a dry run says what would change, a real run writes every good row and reports each bad one.
 */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'flags:write');
    // Assumption: an import writes flags for the importer's own team, so it needs a person behind it.
    const actor = personOf(caller, 'import flags (imports are made by an engineer or manager of the flags’ team)');
    return idempotently(request, caller, context, async () => {
      const body = await readFlagImportRequest(request);
      const file = readFlagImportFile(body.content, body.format);
      const who = { actor, at: context.at, requestId: context.requestId, tokenId: caller.tokenId, candidates: file.candidates, defaults: body.defaults };
      const result = body.dryRun
        ? await previewFlagImport(who)
        : await applyFlagImport({ ...who, source: 'api', fileName: body.fileName, format: file.format });
      return apiJson(result, { requestId: context.requestId });
    });
  });
}
