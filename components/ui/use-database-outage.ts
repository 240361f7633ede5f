'use client';

import { useEffect, useState } from 'react';

/**
 * Whether the portal's database is unreachable right now, asked of the public health probe once the
 * component mounts: an error boundary cannot see why the server failed (it only gets a digest), so
 * it asks, to tell people about an outage instead of a generic failure. Null until it knows.
 */
export function useDatabaseOutage(): boolean | null {
  const [isOutage, setIsOutage] = useState<boolean | null>(null);
  useEffect(() => {
    let isCurrent = true;
    fetch('/api/v1/health', { cache: 'no-store' }).then(
      (response) => isCurrent && setIsOutage(response.status === 503),
      () => isCurrent && setIsOutage(false),
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return isOutage;
}
