import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { verifyAuditChain } from '@/lib/server/audit-events/verify-chain';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { ChainVerificationResult } from '@/components/audit/chain-verification-result';

export const metadata: Metadata = { title: 'Verify the audit chain' };

/** Recomputes every hash of the chain on each visit (read-only; `npm run audit:verify` does the same). */
export default async function VerifyAuditChainPage() {
  const user = await requireUser();
  if (!canReadAuditTrail(user)) notFound();
  const result = await verifyAuditChain();
  return (
    <>
      <PageHeader
        title="Verify the audit chain"
        description="Every event's hash is recomputed from its content and the hash of the event before it; the chain head must name the last event."
        actions={<a href="/audit/checkpoint.json" download className={BUTTON_SECONDARY}>Download checkpoint</a>}
      />
      <ChainVerificationResult result={result} />
      <p className="mt-4 max-w-3xl text-sm text-slate-600">
        Keep a downloaded checkpoint outside Changeboard. Checking against it later (<code>npm run audit:verify -- --checkpoint &lt;file&gt;</code> or{' '}
        <code>POST /api/v1/audit/checkpoint/verify</code>) also detects a history rewritten before it and consistently re-hashed.
      </p>
      <p className="mt-4 text-sm"><Link href="/audit" className={LINK}>Back to the audit trail</Link></p>
    </>
  );
}
