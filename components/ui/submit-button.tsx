'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { BUTTON_PRIMARY } from '@/components/ui/styles';

/** Disabled while its form is submitting, so a double click sends one request. */
type Props = { children: ReactNode; className?: string; pendingText?: string; name?: string; value?: string };

export function SubmitButton({ children, className = BUTTON_PRIMARY, pendingText, name, value }: Readonly<Props>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={className}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
