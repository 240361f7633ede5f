import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeIncidentCursor, encodeIncidentCursor, incidentFromForm, parseIncidentListQuery, ZDeclareIncident, ZDeclareIncidentBody, ZDeclareIncidentForm,
  ZEditIncidentForm, ZIncidentPatchBody, ZResolveIncidentForm,
} from '@/lib/schemas/incident';

const ID = '01a20d70-ce6f-76bb-a58f-ce4118f620ec';
const valid = { title: 'Checkout returns 500s', severity: 'sev1', startedAt: '2026-03-06T15:00:00Z', commanderId: ID };

/** The first message per field, as the forms and the API show them. */
function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0] ?? '_'), issue.message]));
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

describe('ZDeclareIncident', () => {
  test('fills what was left out: no summary, no services, still going on', () => {
    expect(ZDeclareIncident.parse(valid)).toEqual({ ...valid, startedAt: new Date(valid.startedAt), summary: '', serviceIds: [], resolvedAt: null });
  });

  test.each([
    { label: 'an empty title', input: { ...valid, title: '   ' }, field: 'title', message: 'Give the incident a title.' },
    { label: 'a title over 200 characters', input: { ...valid, title: 'x'.repeat(201) }, field: 'title', message: 'At most 200 characters.' },
    { label: 'a summary over 5,000 characters', input: { ...valid, summary: 'x'.repeat(5001) }, field: 'summary', message: 'At most 5,000 characters.' },
    { label: 'an unknown severity', input: { ...valid, severity: 'critical' }, field: 'severity', message: 'Choose a severity: sev1, sev2, sev3 or sev4 (SEV1 is the worst).' },
    { label: 'an upper-case severity', input: { ...valid, severity: 'SEV1' }, field: 'severity', message: 'Choose a severity: sev1, sev2, sev3 or sev4 (SEV1 is the worst).' },
    { label: 'no start', input: { ...valid, startedAt: undefined }, field: 'startedAt', message: 'Enter when it started.' },
    { label: 'an impossible date', input: { ...valid, startedAt: '2026-02-30T10:00:00Z' }, field: 'startedAt', message: expect.stringContaining('Enter a date and time that exists') },
    { label: 'a time without an offset', input: { ...valid, startedAt: '2026-03-06T15:00:00' }, field: 'startedAt', message: expect.stringContaining('ISO 8601 with an offset') },
    { label: 'resolved before it started', input: { ...valid, resolvedAt: '2026-03-06T14:59:00Z' }, field: 'resolvedAt', message: 'It cannot be resolved before it started.' },
    { label: 'resolved before it started, with other fields wrong too', input: { ...valid, title: '', resolvedAt: '2026-03-06T14:59:00Z' }, field: 'resolvedAt', message: 'It cannot be resolved before it started.' },
    { label: 'a commander that is no id', input: { ...valid, commanderId: 'erin' }, field: 'commanderId', message: 'Choose the incident commander.' },
    { label: 'a service that is no id', input: { ...valid, serviceIds: ['checkout'] }, field: 'serviceIds', message: 'Unknown service.' },
    { label: 'a forged number', input: { ...valid, number: 7 }, field: '_', message: expect.stringContaining('number') },
  ])('refuses $label', ({ input, field, message }) => {
    expect(fieldErrors(ZDeclareIncident.safeParse(input))).toMatchObject({ [field]: message });
  });

  test('the API body may leave the commander out (the route decides who commands)', () => {
    expect(ZDeclareIncidentBody.parse({ ...valid, commanderId: undefined }).commanderId).toBeUndefined();
    expect(fieldErrors(ZDeclareIncidentBody.safeParse({ ...valid, resolvedAt: '2026-03-06T14:00:00Z' }))).toEqual({ resolvedAt: 'It cannot be resolved before it started.' });
  });
});

describe('ZIncidentPatchBody', () => {
  test.each([
    { label: 'an edit', body: { version: 2, severity: 'sev2' }, ok: true },
    { label: 'a resolution on its own', body: { version: 2, resolvedAt: '2026-03-06T16:00:00Z' }, ok: true },
    { label: 'a reopening (null)', body: { version: 2, resolvedAt: null }, ok: true },
    { label: 'a resolution mixed with an edit', body: { version: 2, resolvedAt: '2026-03-06T16:00:00Z', title: 'New' }, ok: false },
    { label: 'the version alone', body: { version: 2 }, ok: false },
    { label: 'no version', body: { title: 'New' }, ok: false },
    { label: 'the version as text', body: { version: '2', title: 'New' }, ok: false },
  ])('$label: $ok', ({ body, ok }) => {
    expect(ZIncidentPatchBody.safeParse(body).success).toBe(ok);
  });
});

describe('incidentFromForm (local times in the policy zone)', () => {
  const NY = 'America/New_York';
  const declared = (fields: Record<string, string | string[]>) => ZDeclareIncidentForm.safeParse(incidentFromForm(form({ title: 'Login fails', severity: 'sev2', commanderId: ID, summary: '', ...fields }), NY));

  test.each([
    // New York in winter is UTC−5, in summer UTC−4.
    { label: 'a winter time', startedAt: '2026-01-15T09:30', iso: '2026-01-15T14:30:00.000Z' },
    { label: 'a summer time', startedAt: '2026-07-15T09:30', iso: '2026-07-15T13:30:00.000Z' },
    { label: 'the last minute before the DST gap', startedAt: '2026-03-08T01:59', iso: '2026-03-08T06:59:00.000Z' },
  ])('$label is read in the zone', ({ startedAt, iso }) => {
    const result = declared({ startedAt });
    expect(result.success && result.data.startedAt.toISOString()).toBe(iso);
  });

  test.each([
    { label: 'a time the DST change skips (02:30 on 8 March)', fields: { startedAt: '2026-03-08T02:30' }, field: 'startedAt', message: expect.stringContaining('exists (once) in the policy time zone') },
    { label: 'a time the DST change repeats (01:30 on 1 November)', fields: { startedAt: '2026-11-01T01:30' }, field: 'startedAt', message: expect.stringContaining('exists (once)') },
    { label: 'an impossible date', fields: { startedAt: '2026-02-30T10:00' }, field: 'startedAt', message: expect.stringContaining('exists (once)') },
    { label: 'a blank start', fields: { startedAt: '' }, field: 'startedAt', message: 'Enter when it started.' },
    { label: 'a resolution before the start', fields: { startedAt: '2026-01-15T09:30', resolvedAt: '2026-01-15T09:29' }, field: 'resolvedAt', message: 'It cannot be resolved before it started.' },
  ])('refuses $label', ({ fields, field, message }) => {
    expect(fieldErrors(declared(fields as Record<string, string>))).toMatchObject({ [field]: message });
  });

  test('a blank resolution means still going on, and unticked services mean none', () => {
    const result = declared({ startedAt: '2026-01-15T09:30', resolvedAt: '' });
    expect(result.success && { resolvedAt: result.data.resolvedAt, serviceIds: result.data.serviceIds }).toEqual({ resolvedAt: null, serviceIds: [] });
  });

  test('the edit form carries the incident and version; the resolve form needs a time', () => {
    const edit = ZEditIncidentForm.safeParse(incidentFromForm(form({ ...valid, startedAt: '2026-01-15T09:30', summary: 'x', serviceIds: [ID], incidentId: ID, version: '3' }), NY));
    expect(edit.success && { version: edit.data.version, serviceIds: edit.data.serviceIds }).toEqual({ version: 3, serviceIds: [ID] });
    expect(fieldErrors(ZResolveIncidentForm.safeParse({ incidentId: ID, version: '3', resolvedAt: '' }))).toEqual({ resolvedAt: 'Enter when it was resolved.' });
  });
});

describe('the list query', () => {
  test('accepts known filters and names the rest as problems', () => {
    expect(parseIncidentListQuery({ state: 'active', severity: 'sev1', service: ID.toUpperCase() })).toMatchObject({ filter: { state: 'active', severity: 'sev1', serviceId: ID }, problems: {} });
    expect(parseIncidentListQuery({ state: 'open', severity: 'p1', before: 'x' })).toMatchObject({
      filter: { state: 'all' }, values: {}, problems: { state: expect.any(String), severity: expect.any(String), before: expect.any(String) },
    });
  });

  test('property: every cursor round-trips', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 2_147_483_647 }), (startedAt, number) => {
      expect(decodeIncidentCursor(encodeIncidentCursor({ startedAt, number }))).toEqual({ startedAt, number });
    }));
  });
});
