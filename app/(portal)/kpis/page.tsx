import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session-user';
import { KPI_QUERY_PARAMS, kpiQueryParams } from '@/lib/schemas/kpi-query';
import { listServices, listTeams } from '@/lib/server/catalog/queries';
import { kpiDashboard } from '@/lib/server/kpis/kpi-dashboard';
import { resolveKpiScope } from '@/lib/server/kpis/kpi-scope';
import { ListStatus } from '@/components/ui/list-status';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { KpiFilterForm } from '@/components/kpis/kpi-filter-form';
import { KpiPanels } from '@/components/kpis/kpi-panels';

export const metadata: Metadata = { title: 'KPI dashboard' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DESCRIPTION = 'The five KPIs of POL-012 over a period, against their targets, with their trend. Every number opens the records behind it.';

/** The query's values as typed (the first of repeated ones), to show again beside their errors. */
function typedValues(params: Readonly<Record<string, string | string[] | undefined>>) {
  return Object.fromEntries(KPI_QUERY_PARAMS.flatMap((name) => {
    const value = [params[name]].flat()[0];
    return value ? [[name, value]] : [];
  }));
}

/** The KPI dashboard (issue #8): every signed-in user reads it. */
export default async function KpisPage({ searchParams }: Readonly<Props>) {
  await requireUser();
  const params = await searchParams;
  const [resolved, teams, services] = await Promise.all([resolveKpiScope(params, new Date()), listTeams(), listServices()]);
  const options = {
    teams: teams.map((team) => ({ value: team.slug, label: team.name })),
    services: services.map((service) => ({ value: service.slug, label: `${service.name} (${service.team.name})` })),
    timeZone: resolved.success ? resolved.scope.policy.timeZone : resolved.timeZone,
  };
  if (!resolved.success) {
    const labels: Record<string, string> = { from: 'From', to: 'To', team: 'Team', service: 'Service', class: 'Class', granularity: 'Trend by' };
    const problems = Object.entries(resolved.fieldErrors).flatMap(([name, messages]) => messages.map((message) => `${labels[name] ?? name}: ${message}`));
    return (
      <>
        <PageHeader title="KPI dashboard" description={DESCRIPTION} />
        <KpiFilterForm values={typedValues(params)} errors={resolved.fieldErrors} {...options} />
        <ListStatus problems={problems} summary="No figures are shown until the filters are corrected." />
      </>
    );
  }
  const { query } = resolved.scope;
  const dashboard = await kpiDashboard(resolved.scope);
  // The granularity stays automatic unless it was chosen, so a longer period switches to months by itself.
  const values = { ...Object.fromEntries(kpiQueryParams(query)), granularity: typedValues(params).granularity };
  return (
    <>
      <PageHeader
        title="KPI dashboard"
        description={DESCRIPTION}
        actions={<a href={`/kpis/export.csv?${kpiQueryParams(query)}`} className={BUTTON_SECONDARY} download>Download CSV</a>}
      />
      <KpiFilterForm values={values} {...options} />
      <KpiPanels dashboard={dashboard} query={query} />
    </>
  );
}
