import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  configChangeFromForm, configFormFieldErrors, configFormSchema, decodeConfigChangeCursor, encodeConfigChangeCursor, parseConfigChangeListQuery,
  parseConfigDetailsPatch, readStoredConfigDetails, ZConfigChangeVersionBody, ZEditConfigChangeBody, ZNewConfigChange, ZReportedConfigChange,
} from '@/lib/schemas/config-change';

const ENV = '0195f0c2-0000-7000-8000-000000000001';
const SERVICE = '0195f0c2-0000-7000-8000-000000000002';

const base = { title: 'Raise the pool size', environmentId: ENV };

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
}

describe('ZNewConfigChange', () => {
  test.each([
    {
      label: 'an env var change with only its variable named fills the rest as not given',
      input: { ...base, type: 'env_var', details: { variable: 'POOL_SIZE' } },
      details: { variable: 'POOL_SIZE', pullRequestUrl: '', stagingTest: '' },
    },
    {
      label: 'a DNS change keeps its TTL',
      input: { ...base, type: 'dns', serviceId: SERVICE, details: { record: 'api.example.com', pullRequestUrl: 'https://git.example.com/dns/pull/1', rolloutTtlSeconds: 60 } },
      details: { record: 'api.example.com', pullRequestUrl: 'https://git.example.com/dns/pull/1', rolloutTtlSeconds: 60 },
    },
    { label: 'a flag change may come without details', input: { ...base, type: 'feature_flag' }, details: { flagKey: '', description: '' } },
    {
      label: 'a manual secret rotation',
      input: { ...base, type: 'secret_rotation', details: { secretName: 'stripe-key', mode: 'manual' } },
      details: { secretName: 'stripe-key', mode: 'manual', automationRunUrl: '' },
    },
  ])('$label', ({ input, details }) => {
    const parsed = ZNewConfigChange.parse(input);
    expect(parsed.details).toEqual(details);
    expect(parsed.serviceId).toBe('serviceId' in input ? input.serviceId : null);
  });

  test.each([
    { label: 'a javascript: link', input: { ...base, type: 'load_balancer', details: { pullRequestUrl: 'javascript:alert(1)' } }, errors: { 'details.pullRequestUrl': 'Use an http(s) link.' } },
    { label: 'a TTL of 0', input: { ...base, type: 'dns', details: { record: 'a', rolloutTtlSeconds: 0 } }, errors: { 'details.rolloutTtlSeconds': 'At least 1 second.' } },
    { label: 'a TTL above a week', input: { ...base, type: 'dns', details: { record: 'a', rolloutTtlSeconds: 604_801 } }, errors: { 'details.rolloutTtlSeconds': 'At most 604,800 seconds (a week).' } },
    { label: 'a fractional TTL', input: { ...base, type: 'dns', details: { record: 'a', rolloutTtlSeconds: 1.5 } }, errors: { 'details.rolloutTtlSeconds': 'Enter a whole number of seconds.' } },
    { label: 'a TTL as text', input: { ...base, type: 'dns', details: { record: 'a', rolloutTtlSeconds: '60' } }, errors: { 'details.rolloutTtlSeconds': 'Enter a whole number of seconds.' } },
    { label: 'an unnamed variable', input: { ...base, type: 'env_var', details: {} }, errors: { 'details.variable': 'Name the variable.' } },
    { label: 'an unknown detail', input: { ...base, type: 'load_balancer', details: { pullRequestUrl: '', reviewer: 'me' } }, errors: { details: 'Unrecognized key: "reviewer"' } },
    { label: 'a forged status', input: { ...base, type: 'feature_flag', status: 'applied' }, errors: { '': 'Unrecognized key: "status"' } },
    { label: 'an unknown type', input: { ...base, type: 'firewall' }, errors: { type: 'Choose a type of configuration change.' } },
    { label: 'a short title and no environment', input: { type: 'feature_flag', title: 'x' }, errors: { title: 'At least 3 characters.', environmentId: 'Choose an environment.' } },
    { label: 'an over-long title', input: { ...base, title: 'x'.repeat(201), type: 'feature_flag' }, errors: { title: 'At most 200 characters.' } },
    { label: 'a bad rotation mode', input: { ...base, type: 'secret_rotation', details: { secretName: 's', mode: 'sometimes' } }, errors: { 'details.mode': 'Choose automated or manual.' } },
  ])('refuses $label', ({ input, errors }) => {
    expect(issues(ZNewConfigChange.safeParse(input))).toEqual(errors);
  });

  test('property: any TTL from 1 s to a week is accepted as it is', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 604_800 }), (ttl) => {
      expect(ZNewConfigChange.parse({ ...base, type: 'dns', details: { record: 'api', rolloutTtlSeconds: ttl } }).details).toMatchObject({ rolloutTtlSeconds: ttl });
    }));
  });
});

describe('ZReportedConfigChange', () => {
  test('takes when (with an offset) and who; who defaults to the reporter (null)', () => {
    const parsed = ZReportedConfigChange.parse({ ...base, type: 'load_balancer', appliedAt: '2026-11-20T09:30:00+01:00' });
    expect(parsed.appliedAt).toEqual(new Date('2026-11-20T08:30:00Z'));
    expect(parsed.madeById).toBeNull();
  });

  test.each([
    { label: 'no time', appliedAt: undefined },
    { label: 'a time without an offset', appliedAt: '2026-11-20T09:30:00' },
    { label: 'an impossible date', appliedAt: '2026-02-30T09:30:00Z' },
  ])('refuses $label', ({ appliedAt }) => {
    expect(Object.keys(issues(ZReportedConfigChange.safeParse({ ...base, type: 'load_balancer', appliedAt })))).toEqual(['appliedAt']);
  });
});

describe('edits', () => {
  test('an edit needs the version and a field', () => {
    expect(issues(ZEditConfigChangeBody.safeParse({ version: 2 }))).toEqual({ _: 'Send at least one field to change besides the version.' });
    expect(Object.keys(issues(ZEditConfigChangeBody.safeParse({ title: 'New title' })))).toEqual(['version']);
    expect(ZEditConfigChangeBody.parse({ version: 2, serviceId: null })).toEqual({ version: 2, serviceId: null });
    expect(issues(ZEditConfigChangeBody.safeParse({ version: 2, title: 'Renamed', type: 'dns' }))).toEqual({ '': 'Unrecognized key: "type"' });
  });

  test('a details patch is checked against the stored type, keyed details.<field>', () => {
    expect(parseConfigDetailsPatch('dns', { rolloutTtlSeconds: 300 })).toEqual({ data: { rolloutTtlSeconds: 300 } });
    expect(parseConfigDetailsPatch('dns', { rolloutTtlSeconds: -1 })).toEqual({ fieldErrors: { 'details.rolloutTtlSeconds': ['At least 1 second.'] } });
    expect(parseConfigDetailsPatch('load_balancer', { record: 'x' })).toEqual({ fieldErrors: { details: ['Unrecognized key: "record"'] } });
  });

  test('a confirmation or an apply sends the version as a number', () => {
    expect(ZConfigChangeVersionBody.safeParse({ version: '1' }).success).toBe(false);
    expect(ZConfigChangeVersionBody.parse({ version: 1 })).toEqual({ version: 1 });
  });
});

describe('readStoredConfigDetails', () => {
  test('reads what fits field by field; anything else is "not given yet"', () => {
    expect(readStoredConfigDetails('dns', { record: 'api', rolloutTtlSeconds: 'sixty', pullRequestUrl: 'javascript:x', extra: 1 })).toEqual({ record: 'api', pullRequestUrl: '', rolloutTtlSeconds: null });
    expect(readStoredConfigDetails('secret_rotation', null)).toEqual({ secretName: '', mode: null, automationRunUrl: '' });
  });
});

describe('the record form', () => {
  function form(entries: Record<string, string>) {
    const data = new FormData();
    for (const [name, value] of Object.entries(entries)) data.append(name, value);
    return data;
  }

  test('reads only the chosen type group; blank TTL and service are null', () => {
    const input = configChangeFromForm(form({
      type: 'dns', title: 'Move api', environmentId: ENV, serviceId: '',
      'dns.record': 'api.example.com', 'dns.pullRequestUrl': '', 'dns.rolloutTtlSeconds': '', 'env_var.variable': 'IGNORED',
    }));
    expect(input).toEqual({ type: 'dns', title: 'Move api', environmentId: ENV, serviceId: null, details: { record: 'api.example.com', pullRequestUrl: '', rolloutTtlSeconds: null } });
    expect(ZNewConfigChange.parse(input).details).toEqual({ record: 'api.example.com', pullRequestUrl: '', rolloutTtlSeconds: null });
  });

  test('errors land on the chosen type inputs', () => {
    const schema = configFormSchema(ZNewConfigChange);
    const input = configChangeFromForm(form({ type: 'dns', title: 'Move api', environmentId: ENV, 'dns.record': '', 'dns.rolloutTtlSeconds': 'soon' }));
    expect(issues(schema.safeParse(input))).toEqual({ 'dns.record': 'Name the DNS record.', 'dns.rolloutTtlSeconds': 'Enter a whole number of seconds.' });
    expect(configFormFieldErrors('dns', { 'details.record': ['x'], appliedAt: ['y'] })).toEqual({ 'dns.record': ['x'], appliedAt: ['y'] });
  });

  test('a secret rotation reads its mode; blank is not decided', () => {
    expect(configChangeFromForm(form({ type: 'secret_rotation', 'secret_rotation.mode': '', 'secret_rotation.secretName': 'k' })).details).toEqual({ secretName: 'k', mode: null, automationRunUrl: '' });
  });
});

describe('the list query', () => {
  test('keeps what it understands and names the rest', () => {
    const query = parseConfigChangeListQuery({ type: 'dns', status: 'gone', environment: ENV.toUpperCase(), unauthorized: 'true', before: 'nope' });
    expect(query.filter).toEqual({ type: 'dns', environmentId: ENV, isUnauthorizedOnly: true });
    expect(Object.keys(query.problems).sort()).toEqual(['before', 'status']);
  });

  test('property: cursors round-trip', () => {
    fc.assert(fc.property(fc.date({ min: new Date(0), max: new Date('2200-01-01'), noInvalidDate: true }), fc.uuid(), (createdAt, id) => {
      expect(decodeConfigChangeCursor(encodeConfigChangeCursor({ createdAt, id }))).toEqual({ createdAt, id: id.toLowerCase() });
    }));
  });
});
