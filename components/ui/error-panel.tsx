'use client';

import { OUTAGE_EXPLANATION, OUTAGE_HEADING } from '@/lib/outage/unavailable-page';
import { useDatabaseOutage } from '@/components/ui/use-database-outage';

/**
 * The body of an error.tsx boundary: a generic message and the digest, never the raw error; or, when
 * the database is unreachable, what that means (in the words of the server's outage page).
 */
export function ErrorPanel({ error, reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  const isOutage = useDatabaseOutage();
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-6">
      {isOutage ? (
        <>
          <h2 className="text-lg font-semibold text-red-800">{OUTAGE_HEADING}</h2>
          <p className="mt-2 text-slate-700">{OUTAGE_EXPLANATION}</p>
        </>
      ) : (
        <>
          <h2 className="text-lg font-semibold text-red-800">Something went wrong</h2>
          <p className="mt-2 text-slate-700">The page could not be shown. Nothing was changed by this error.</p>
        </>
      )}
      {error.digest ? <p className="mt-1 text-sm text-slate-500">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800">
        Try again
      </button>
    </div>
  );
}
