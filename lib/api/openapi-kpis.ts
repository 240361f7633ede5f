// The KPI endpoints of the OpenAPI document: the five POL-012 KPIs ("KPI Linkage") over a period, and
// the records behind each figure.
import { CHANGE_CLASSES } from '@/lib/policy/change-class';
import { KPI_IDS, KPI_RECORD_PARTS, UNAUTHORIZED_KINDS } from '@/lib/policy/kpis';
import { DEFAULT_KPI_PERIOD_DAYS, MAX_KPI_PERIOD_DAYS } from '@/lib/schemas/kpi-query';
import { PERIOD_GRANULARITIES } from '@/lib/time/periods';
import { KPI_RECORDS_PAGE_SIZE } from '@/lib/server/kpis/kpi-records';
import { UNAUTHENTICATED_RESPONSE, UUID, errorPicker, errorResponse, instant, jsonResponse, nullable, parameterRef, queryParameter } from '@/lib/api/openapi-parts';

const DATE = { type: 'string', format: 'date' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const errors = errorPicker({
  '400': errorResponse('`BAD_REQUEST`: an unknown query parameter, an impossible date, a period that ends before it starts or is longer than ten years, a malformed or unknown team or service slug, an unknown class or granularity; `fieldErrors` names each parameter'),
  '401': UNAUTHENTICATED_RESPONSE,
  '403': errorResponse('`FORBIDDEN`: a service token without `kpis:read`'),
  '404': errorResponse(`\`NOT_FOUND\`: no such KPI (one of ${KPI_IDS.join(', ')})`),
  '422': errorResponse('`INVALID`: a `part` the KPI does not have, a `bucket` outside the trend, or a `page` below 1; `fieldErrors` names each'),
});

const SHARED_QUERY = ['KpiFrom', 'KpiTo', 'KpiTeam', 'KpiService', 'KpiClass', 'KpiGranularity'].map(parameterRef);

export const KPI_PARAMETERS = {
  KpiFrom: queryParameter('from', `First local day of the period (YYYY-MM-DD in the policy zone). Default: ${DEFAULT_KPI_PERIOD_DAYS - 1} days before \`to\`.`, DATE),
  KpiTo: queryParameter('to', `Last local day of the period, included (YYYY-MM-DD in the policy zone; ${MAX_KPI_PERIOD_DAYS} days at most). Default: today in the policy zone.`, DATE),
  KpiTeam: queryParameter('team', 'Team slug: changes of the team, configuration changes of its services, its flags.', { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$' }),
  KpiService: queryParameter('service', 'Service slug: changes touching the service, configuration changes of it. Flags are not narrowed.', { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$' }),
  KpiClass: queryParameter('class', 'Change class. Configuration changes have none, so a class leaves them out; flags are not narrowed.', { type: 'string', enum: [...CHANGE_CLASSES] }),
  KpiGranularity: queryParameter('granularity', 'Trend buckets: weeks from Monday or months, in the policy zone. Default: week, or month for periods over 190 days.', { type: 'string', enum: [...PERIOD_GRANULARITIES] }),
};

const ALL_PARTS = [...new Set(Object.values(KPI_RECORD_PARTS).flat())];

export const KPI_PATHS = {
  '/kpis': {
    get: {
      summary: 'The five POL-012 KPIs over a period',
      description: 'Change failure rate, unauthorized changes, stale feature flags, migration rollback rate and change lead time over whole local days in the policy zone, each with its definition in words, target, state (`met`, `missed` or `no-data`) and its trend by week or month. Rates are fractions (null when nothing was counted), durations seconds, instants ISO 8601 UTC. The same numbers as the dashboard; each can be traced with `GET /kpis/{kpi}/records`. Personal tokens, or service tokens with `kpis:read`.',
      operationId: 'getKpis',
      'x-required-scope': 'kpis:read',
      parameters: SHARED_QUERY,
      responses: { '200': jsonResponse('The KPIs', 'KpiDashboard'), ...errors('400', '401', '403') },
    },
  },
  '/kpis/{kpi}/records': {
    get: {
      summary: 'The records behind one KPI figure',
      description: `Exactly the records a figure counts, for the whole period or one trend bucket, ${KPI_RECORDS_PAGE_SIZE} a page, newest (or slowest) first. Parts per KPI: ${KPI_IDS.map((kpi) => `\`${kpi}\`: ${KPI_RECORD_PARTS[kpi].join(', ')}`).join('; ')} (the first is the default). In a denominator list, \`isCounted\` tells which records are also in the numerator.`,
      operationId: 'listKpiRecords',
      'x-required-scope': 'kpis:read',
      parameters: [
        { name: 'kpi', in: 'path', required: true, description: 'The KPI.', schema: { type: 'string', enum: [...KPI_IDS] } },
        ...SHARED_QUERY,
        queryParameter('part', 'Which records: the numerator, the denominator, a kind or a class (see above).', { type: 'string', enum: ALL_PARTS }),
        queryParameter('bucket', 'A trend bucket (0-based index into `buckets`); the whole period when absent. For stale flags, the reading at that bucket’s end, else the last one.', { type: 'integer', minimum: 0 }),
        queryParameter('page', 'Page, from 1.', { type: 'integer', minimum: 1, default: 1 }),
      ],
      responses: { '200': jsonResponse('One page of records', 'KpiRecordPage'), ...errors('400', '401', '403', '404', '422') },
    },
  },
};

/** The definition, target and state every KPI carries. */
const header = {
  title: { type: 'string' },
  controls: { type: 'array', items: { type: 'string' } },
  target: { type: 'string', description: 'The target as the policy states it' },
  targetValue: { type: 'number', description: 'The target as a number: a fraction, a count, or seconds' },
  formula: { type: 'string', description: 'How the value is computed from the records, in words' },
  filterNote: nullable({ type: 'string', description: 'What the filters do not narrow for this KPI' }),
  state: { type: 'string', enum: ['met', 'missed', 'no-data'] },
};
const headerRequired = Object.keys(header);
const rate = nullable({ type: 'number', minimum: 0, maximum: 1, description: 'A fraction; null when nothing was counted' });
const count = { type: 'integer', minimum: 0 };
const bucketLabel = { type: 'string', format: 'date', description: 'The bucket’s first local date (Monday, or the 1st)' };
const byKind = { type: 'object', required: [...UNAUTHORIZED_KINDS], properties: Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, count])) };

function kpi(properties: Record<string, unknown>, trendItem: Record<string, unknown>) {
  const trend = { type: 'array', description: 'One entry per bucket, in order', items: { type: 'object', required: ['bucket', ...Object.keys(trendItem)], properties: { bucket: bucketLabel, ...trendItem } } };
  return { type: 'object', required: [...headerRequired, ...Object.keys(properties), 'trend'], properties: { ...header, ...properties, trend } };
}

export const KPI_SCHEMAS = {
  LeadTimeFigures: {
    type: 'object',
    required: ['count', 'medianSeconds', 'p90Seconds'],
    properties: {
      count: { ...count, description: 'Changes measured' },
      medianSeconds: nullable({ type: 'number', description: 'Continuous median (as PostgreSQL percentile_cont); null without measured changes' }),
      p90Seconds: nullable({ type: 'number', description: 'Continuous 90th percentile' }),
    },
  },
  KpiDashboard: {
    type: 'object',
    required: ['period', 'filters', 'evaluatedAt', 'policyVersion', 'buckets', 'kpis'],
    properties: {
      period: {
        type: 'object',
        required: ['from', 'to', 'start', 'end', 'granularity', 'timeZone', 'isEndExclusive'],
        properties: {
          from: DATE, to: DATE, start: instant('Local midnight starting `from`'), end: instant('Excluded: the period is [start, end)'),
          granularity: { type: 'string', enum: [...PERIOD_GRANULARITIES] }, timeZone: { type: 'string', description: 'The policy zone (IANA)' }, isEndExclusive: { type: 'boolean', const: true },
        },
      },
      filters: {
        type: 'object',
        required: ['team', 'service', 'class'],
        properties: { team: nullable({ type: 'string' }), service: nullable({ type: 'string' }), class: nullable({ type: 'string', enum: [...CHANGE_CLASSES] }) },
      },
      evaluatedAt: instant('The instant of evaluation: "now" for stale flags and for emergency approvals that never came'),
      policyVersion: { type: 'integer', description: 'The policy settings version whose zone, review window and TTLs were used' },
      buckets: {
        type: 'array',
        description: 'The weeks or months of the trend, clipped to the period; together they cover it once',
        items: { type: 'object', required: ['label', 'start', 'end'], properties: { label: bucketLabel, start: instant(), end: instant('Excluded') } },
      },
      kpis: {
        type: 'object',
        required: [...KPI_IDS],
        properties: {
          'change-failure-rate': kpi({ value: rate, failed: count, deployed: count }, { value: rate, failed: count, deployed: count }),
          'unauthorized-changes': kpi({ value: count, byKind }, { value: count, byKind }),
          'stale-flags': kpi(
            { value: nullable(count), at: nullable(instant('When the count was read: the period’s end, or now while it runs')) },
            { value: nullable(count), at: nullable(instant('The bucket’s end, or now; null for a bucket not begun')) },
          ),
          'migration-rollback-rate': kpi({ value: rate, rolledBack: count, executed: count }, { value: rate, rolledBack: count, executed: count }),
          'lead-time': kpi(
            {
              value: nullable({ type: 'number', description: 'Median lead time of standard changes, seconds' }),
              unit: { type: 'string', const: 'seconds' },
              standard: ref('LeadTimeFigures'),
              all: ref('LeadTimeFigures'),
              byClass: { type: 'object', required: [...CHANGE_CLASSES], properties: Object.fromEntries(CHANGE_CLASSES.map((changeClass) => [changeClass, ref('LeadTimeFigures')])) },
              unmeasured: { ...count, description: 'Changes that reached production without a recorded pull request opening before it' },
            },
            { standard: ref('LeadTimeFigures'), all: ref('LeadTimeFigures') },
          ),
        },
      },
    },
  },
  KpiRecordPage: {
    type: 'object',
    required: ['kpi', 'part', 'bucket', 'total', 'page', 'pageSize', 'records'],
    properties: {
      kpi: { type: 'string', enum: [...KPI_IDS] },
      part: { type: 'string', enum: ALL_PARTS },
      bucket: nullable({ type: 'integer', minimum: 0 }),
      total: { ...count, description: 'Records in the part, over every page' },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', const: KPI_RECORDS_PAGE_SIZE },
      records: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'reference', 'title', 'href', 'at', 'changeClass', 'detail', 'isCounted'],
          properties: {
            id: { ...UUID, description: 'The change, deployment, configuration change, flag or migration plan' },
            reference: { type: 'string', description: 'CHG-12, a flag key, or the kind of record' },
            title: { type: 'string' },
            href: { type: 'string', description: 'The record’s page in the portal' },
            at: nullable(instant('The instant that places the record in the period (the reading time for stale flags)')),
            changeClass: nullable({ type: 'string', enum: [...CHANGE_CLASSES] }),
            detail: { type: 'string', description: 'Why it counts, in words' },
            isCounted: { type: 'boolean', description: 'In a denominator list, whether the record is also in the numerator' },
          },
        },
      },
    },
  },
};
