'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function PortalError(props: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  return <ErrorPanel {...props} />;
}
