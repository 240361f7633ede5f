import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { MigrationStatus } from '@/lib/policy/migration-plan';

export const MIGRATION_STATUS_LABEL: Record<MigrationStatus, string> = { planned: 'Planned', running: 'Running', succeeded: 'Succeeded', rolled_back: 'Rolled back' };

const TONE: Record<MigrationStatus, BadgeTone> = { planned: 'neutral', running: 'info', succeeded: 'good', rolled_back: 'bad' };

export function MigrationStatusBadge({ status }: Readonly<{ status: MigrationStatus }>) {
  return <Badge tone={TONE[status]}>{MIGRATION_STATUS_LABEL[status]}</Badge>;
}

/** A checklist's progress in words ("5 of 8 done"), never a bar alone. */
export function checklistProgress({ done, total }: Readonly<{ done: number; total: number }>): string {
  return `${done} of ${total} done`;
}
