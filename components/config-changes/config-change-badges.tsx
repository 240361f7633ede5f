import { Badge, type BadgeTone } from '@/components/ui/badge';
import { CONFIG_CHANGE_STATUS_LABEL, type ConfigChangeStatus } from '@/lib/policy/config-change';

const TONE: Record<ConfigChangeStatus, BadgeTone> = { planned: 'info', applied: 'good', cancelled: 'neutral' };

export function ConfigChangeStatusBadge({ status }: Readonly<{ status: ConfigChangeStatus }>) {
  return <Badge tone={TONE[status]}>{CONFIG_CHANGE_STATUS_LABEL[status]}</Badge>;
}

/** The words that mark a change made outside its process (CTRL-012.5); the colour only repeats them. */
export const UNAUTHORIZED_LABEL = 'Unauthorized: made outside its process';

export function UnauthorizedBadge() {
  return <Badge tone="bad">{UNAUTHORIZED_LABEL}</Badge>;
}
