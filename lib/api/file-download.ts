// A file for the browser to save (exports), never cached: it holds records people may not keep seeing.
export function fileDownload(body: string, file: { type: string; name: string; requestId: string; headers?: Record<string, string> }): Response {
  return new Response(body, {
    headers: {
      'content-type': `${file.type}; charset=utf-8`,
      'content-disposition': `attachment; filename="${file.name}"`,
      'cache-control': 'no-store',
      'x-request-id': file.requestId,
      ...file.headers,
    },
  });
}
