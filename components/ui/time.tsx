import { formatInstant } from '@/lib/format/date';

/** An instant shown in the policy's zone, with the machine-readable UTC value alongside. */
export function Time({ at, timeZone }: Readonly<{ at: Date; timeZone: string }>) {
  return <time dateTime={at.toISOString()}>{formatInstant(at, timeZone)}</time>;
}
