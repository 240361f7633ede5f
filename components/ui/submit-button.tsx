'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { BUTTON_PRIMARY } from '@/components/ui/styles';

/** Disabled while its form is submitting, so a double click sends one request. */
export function SubmitButton({ children, className = BUTTON_PRIMARY, pendingText }: Readonly<{ children: ReactNode; className?: string; pendingText?: string }>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={className}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
