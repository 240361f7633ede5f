import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session-user';
import { PageHeader } from '@/components/ui/page-header';
import { FlagLintForm } from '@/components/flags/flag-lint-form';
import { lintFlagKeysAction } from './actions';

export const metadata: Metadata = { title: 'Lint flag keys' };

export default async function FlagLintPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Lint flag keys" description="Checks keys against the naming convention [team]-[feature]-[type] and the known teams (CTRL-012.4). Nothing is saved. In CI, run npm run flags:lint -- <file>." />
      <FlagLintForm action={lintFlagKeysAction} />
    </>
  );
}
