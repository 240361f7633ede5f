/** `stale-flags-2026-11-24.csv`: the report's UTC date, so exports of different days never collide. */
export function staleReportFileName(at: Date, extension: 'csv' | 'md'): string {
  return `stale-flags-${at.toISOString().slice(0, 10)}.${extension}`;
}
