import { SEVERITY_LABEL, type IncidentSeverity } from '@/lib/policy/incident';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONE: Record<IncidentSeverity, BadgeTone> = { sev1: 'bad', sev2: 'bad', sev3: 'warn', sev4: 'neutral' };

/** The severity in words (SEV1…SEV4); the colour only repeats it. */
export function SeverityBadge({ severity }: Readonly<{ severity: IncidentSeverity }>) {
  return <Badge tone={TONE[severity]}>{SEVERITY_LABEL[severity]}</Badge>;
}

/** Where the incident stands: blocking deploys (an active SEV1/SEV2), active, or resolved. */
export function IncidentStateBadge({ isActive, isBlocking }: Readonly<{ isActive: boolean; isBlocking: boolean }>) {
  if (isBlocking) return <Badge tone="bad">Blocking deploys</Badge>;
  return isActive ? <Badge tone="warn">Active</Badge> : <Badge tone="good">Resolved</Badge>;
}
