import { Badge } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import type { PolicyReason } from '@/lib/policy/decision';

export type DeploymentRow = {
  id: string;
  environmentName: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  commitSha: string | null;
  isUnauthorized: boolean;
  reasons: PolicyReason[];
};

const STATUS_TEXT: Record<string, string> = { started: 'Started', succeeded: 'Succeeded', failed: 'Failed', rolled_back: 'Rolled back' };

/** The change's recorded deploys; an unauthorized one says so in words, with the controls it broke. */
export function DeploymentList({ deployments, timeZone }: Readonly<{ deployments: DeploymentRow[]; timeZone: string }>) {
  return (
    <section aria-labelledby="deployments-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="deployments-heading" className="text-lg font-semibold">Deployments</h2>
      {deployments.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No deploys recorded. Pipelines record them through <code>POST /api/v1/deployments</code>.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {deployments.map((deployment) => (
            <li key={deployment.id}>
              <span className="font-medium">{deployment.environmentName}</span> · {STATUS_TEXT[deployment.status] ?? deployment.status} · <Time at={deployment.startedAt} timeZone={timeZone} />
              {deployment.commitSha ? <> · <code>{deployment.commitSha.slice(0, 12)}</code></> : null}
              {deployment.isUnauthorized ? (
                <span className="mt-1 block">
                  <Badge tone="bad">Unauthorized</Badge>{' '}
                  {deployment.reasons.map((reason) => `${reason.message} (${reason.control})`).join(' ')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
