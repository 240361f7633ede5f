export type ChainVerificationView = {
  ok: boolean;
  checked: number;
  head: { seq: string; hash: string };
  firstBroken: { seq: string; reason: string; eventId?: string; action?: string; at?: string } | null;
};

const REASON_TEXT: Record<string, string> = {
  'hash-mismatch': 'its content no longer matches its hash (the row was edited)',
  'broken-link': 'it does not link to the row before it (a row before it was rewritten)',
  'missing-row': 'this row is missing (deleted)',
  'head-mismatch': 'the chain head does not name the last row',
  'checkpoint-mismatch': 'it differs from the checkpoint kept outside the database',
};

/** The outcome of a chain verification, announced as a status; said in words, never by colour alone. */
export function ChainVerificationResult({ result }: Readonly<{ result: ChainVerificationView }>) {
  const broken = result.firstBroken;
  return (
    <div role="status" className={`rounded border p-4 ${result.ok ? 'border-emerald-300 bg-emerald-50' : 'border-red-300 bg-red-50'}`}>
      {result.ok ? (
        <p className="font-medium">Audit chain verified: {result.checked} events, head #{result.head.seq}.</p>
      ) : (
        <p className="font-medium">
          Audit chain broken at #{broken?.seq}: {broken ? (REASON_TEXT[broken.reason] ?? broken.reason) : 'unknown'}
          {broken?.action ? ` (${broken.action}, ${broken.at})` : ''}. {result.checked} events verified before it.
        </p>
      )}
      <p className="mt-1 break-all font-mono text-xs text-slate-700">Head hash: {result.head.hash}</p>
    </div>
  );
}
