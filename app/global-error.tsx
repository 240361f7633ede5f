'use client';

import './globals.css';

export default function GlobalError({ error, reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="mx-auto max-w-xl px-6 py-24 text-center">
          <h1 className="text-2xl font-semibold">Changeboard is unavailable</h1>
          <p className="mt-3 text-slate-600">Something went wrong on our side. Try again in a moment.</p>
          {error.digest ? <p className="mt-2 text-sm text-slate-500">Reference: {error.digest}</p> : null}
          <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
