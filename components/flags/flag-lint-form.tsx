'use client';

import { useActionState } from 'react';
import type { PolicyReason } from '@/lib/policy/decision';
import { Badge } from '@/components/ui/badge';
import { Field } from '@/components/ui/field';
import { ListTable } from '@/components/ui/list-table';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

export type FlagLintState =
  | { status: 'idle' }
  | { status: 'error'; message: string; keys: string }
  | { status: 'done'; keys: string; results: { key: string; passes: boolean; reasons: PolicyReason[] }[]; passed: number; failed: number };

type Props = { action: (prev: FlagLintState, formData: FormData) => Promise<FlagLintState> };

/** Pasted keys, one per line, checked against the naming convention; nothing is saved. */
export function FlagLintForm({ action }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, { status: 'idle' } as FlagLintState);
  return (
    <>
      <form action={formAction} className="max-w-2xl space-y-4">
        <Field id="lint-keys" label="Flag keys" hint="One per line; blank lines and lines starting with # are skipped.">
          {(describedBy) => <textarea id="lint-keys" name="keys" rows={8} defaultValue={state.status === 'idle' ? '' : state.keys} className={`${INPUT} font-mono`} aria-describedby={describedBy} />}
        </Field>
        <SubmitButton pendingText="Checking…">Check keys</SubmitButton>
      </form>
      <div role="status" className="mt-6">
        {state.status === 'error' ? <p className="text-sm text-red-800">{state.message}</p> : null}
        {state.status === 'done' ? (
          <>
            <p className="mb-3 text-sm font-medium">{`${state.passed} passed, ${state.failed} failed.`}</p>
            <ListTable caption="Each key's result" columns={['Key', 'Result', 'Reasons']} isTopAligned>
              {state.results.map((result, index) => (
                <tr key={`${index}-${result.key}`}>
                  <th scope="row" className="px-4 py-2 text-left font-mono font-normal break-all">{result.key}</th>
                  <td className="px-4 py-2"><Badge tone={result.passes ? 'good' : 'bad'}>{result.passes ? 'Passes' : 'Fails'}</Badge></td>
                  <td className="px-4 py-2">
                    {result.reasons.length === 0 ? 'Follows the convention.' : (
                      <ul className="list-disc space-y-1 pl-5">{result.reasons.map((reason) => <li key={reason.code}>{reason.message} ({reason.control})</li>)}</ul>
                    )}
                  </td>
                </tr>
              ))}
            </ListTable>
          </>
        ) : null}
      </div>
    </>
  );
}
