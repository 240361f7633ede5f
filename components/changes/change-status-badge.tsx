import { Badge, type BadgeTone } from '@/components/ui/badge';
import { CHANGE_STATUS_LABEL, type ChangeStatus } from '@/lib/policy/change-class';

const TONE: Record<ChangeStatus, BadgeTone> = {
  draft: 'neutral', submitted: 'info', approved: 'good', rejected: 'bad', cancelled: 'neutral', deployed: 'good', closed: 'neutral',
};

export function ChangeStatusBadge({ status }: Readonly<{ status: ChangeStatus }>) {
  return <Badge tone={TONE[status]}>{CHANGE_STATUS_LABEL[status]}</Badge>;
}
