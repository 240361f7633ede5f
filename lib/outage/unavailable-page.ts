// The page people get while the database is unreachable. Pages cannot choose their status code, so a
// page that finds the database gone redirects here: a plain document answered 503 with Retry-After,
// readable without JavaScript, that retries the page the person asked for.
import { localPathOrNull } from '@/lib/format/local-path';

/** The request header through which the proxy tells pages their own path (a layout is not told it). */
export const REQUEST_PATH_HEADER = 'x-changeboard-path';

export const UNAVAILABLE_RETRY_SECONDS = 15;

/** What an outage means, in the same words on the outage page and in the portal's error panel. */
export const OUTAGE_HEADING = 'Changeboard cannot reach its database';
export const OUTAGE_EXPLANATION = 'Nothing can be read or saved until it is back. Meanwhile the deploy gate answers deny to every check (CTRL-012.2: when in doubt, it fails closed).';

/** Where to send a person while the database is down, to come back to `from` (a path on this site). */
export function unavailableUrl(from: string | null): string {
  const path = localPathOrNull(from);
  return path ? `/unavailable?from=${encodeURIComponent(path)}` : '/unavailable';
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function unavailablePageHtml(from: string | null): string {
  const back = escapeAttribute(localPathOrNull(from) ?? '/changes');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${UNAVAILABLE_RETRY_SECONDS};url=${back}">
<title>Unavailable · Changeboard</title>
<style>
body { font-family: system-ui, sans-serif; color: #0f172a; margin: 0; }
main { max-width: 36rem; margin: 0 auto; padding: 6rem 1.5rem; text-align: center; }
h1 { font-size: 1.5rem; font-weight: 600; margin: 0.5rem 0 0; }
p { color: #475569; line-height: 1.5; }
.status { color: #4338ca; font-size: 0.875rem; font-weight: 600; }
a { display: inline-block; margin-top: 1.5rem; padding: 0.5rem 1rem; border-radius: 0.375rem; background: #4338ca; color: #fff; font-weight: 500; text-decoration: none; }
a:focus-visible { outline: 2px solid #0f172a; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="status">503</p>
<h1>${OUTAGE_HEADING}</h1>
<p>${OUTAGE_EXPLANATION}</p>
<p>This page tries again every ${UNAVAILABLE_RETRY_SECONDS} seconds.</p>
<a href="${back}">Try again now</a>
</main>
</body>
</html>
`;
}
