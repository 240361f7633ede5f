'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { Time } from '@/components/ui/time';
import { BUTTON_DANGER } from '@/components/ui/styles';
import { DataTable, type Column } from '@/components/admin/data-table';

type TokenStatus = 'active' | 'expired' | 'revoked';

export type TokenRow = {
  id: string;
  name: string;
  kind: 'personal' | 'service';
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
  owner: { name: string | null; email: string } | null;
};

const STATUS: Record<TokenStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'good' },
  expired: { label: 'Expired', tone: 'warn' },
  revoked: { label: 'Revoked', tone: 'neutral' },
};

type Props = {
  tokens: TokenRow[];
  timeZone: string;
  revokeAction: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** The administrators' view of every token: kind, owner and scopes too. */
  showAll?: boolean;
  caption: string;
};

/** Tokens with their state; one result message for every revoke button of the table. */
export function TokenTable({ tokens, timeZone, revokeAction, showAll = false, caption }: Readonly<Props>) {
  const [state, formAction] = useActionState(revokeAction, IDLE);
  const when = (at: Date | null, none: string) => (at ? <Time at={at} timeZone={timeZone} /> : none);
  const columns: Column<TokenRow>[] = [
    { header: 'Name', cell: (token) => token.name },
    ...(showAll
      ? [
          { header: 'Kind', cell: (token: TokenRow) => (token.kind === 'service' ? 'Service' : 'Personal') },
          { header: 'Owner', cell: (token: TokenRow) => (token.owner ? (token.owner.name ?? token.owner.email) : 'None (pipeline)') },
        ]
      : []),
    { header: 'Prefix', cell: (token) => <code>{token.prefix}…</code> },
    ...(showAll ? [{ header: 'Scopes', cell: (token: TokenRow) => (token.kind === 'personal' ? 'Acts as its owner' : token.scopes.join(', ')) }] : []),
    { header: 'Created', cell: (token) => when(token.createdAt, '—'), className: 'whitespace-nowrap' },
    { header: 'Last used', cell: (token) => when(token.lastUsedAt, 'Never'), className: 'whitespace-nowrap' },
    { header: 'Expires', cell: (token) => when(token.expiresAt, 'Never'), className: 'whitespace-nowrap' },
    {
      header: 'Status',
      cell: (token) => (
        <>
          <Badge tone={STATUS[token.status].tone}>{STATUS[token.status].label}</Badge>
          {token.revokedAt ? <span className="block whitespace-nowrap text-xs text-slate-600"><Time at={token.revokedAt} timeZone={timeZone} /></span> : null}
        </>
      ),
    },
    {
      header: 'Actions',
      cell: (token) =>
        token.status === 'revoked' ? null : (
          <form action={formAction}>
            <input type="hidden" name="tokenId" value={token.id} />
            <SubmitButton className={BUTTON_DANGER} pendingText="Revoking…">
              Revoke<span className="sr-only"> {token.name}</span>
            </SubmitButton>
          </form>
        ),
    },
  ];
  return (
    <div className="space-y-2">
      <FormMessage state={state} />
      <DataTable caption={caption} columns={columns} rows={tokens} rowKey={(token) => token.id} empty="No tokens yet." />
    </div>
  );
}
