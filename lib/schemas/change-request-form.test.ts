import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { changeContentFromForm } from '@/lib/schemas/change-request-form';
import { ZChangeRequestPatch } from '@/lib/schemas/change-request';

function formWith(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(entries)) form.set(key, value);
  return form;
}

describe('changeContentFromForm', () => {
  test('reads one select per incident into incidentLinks', () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const form = formWith({ serviceIds: randomUUID(), [`incident:${first}`]: 'fixes', [`incident:${second}`]: '', [`incident:${third}`]: 'fixes,caused' });
    const parsed = ZChangeRequestPatch.parse(changeContentFromForm(form, 'UTC'));
    expect(parsed.incidentLinks).toEqual([{ incidentId: first, link: 'fixes' }, { incidentId: third, link: 'fixes' }, { incidentId: third, link: 'caused' }]);

    form.set(`incident:${first}`, 'broke');
    expect(ZChangeRequestPatch.safeParse(changeContentFromForm(form, 'UTC')).success).toBe(false);
  });

  test.each([
    { label: 'a planned window typed in Berlin time', start: '2026-03-06T15:00', end: '2026-03-06T16:30', zone: 'Europe/Berlin', result: { plannedStart: '2026-03-06T14:00:00.000Z', plannedEnd: '2026-03-06T15:30:00.000Z' } },
    { label: 'blank means no window', start: '', end: '', zone: 'UTC', result: { plannedStart: null, plannedEnd: null } },
  ])('$label', ({ start, end, zone, result }) => {
    const parsed = ZChangeRequestPatch.parse(changeContentFromForm(formWith({ serviceIds: randomUUID(), plannedStart: start, plannedEnd: end }), zone));
    expect({ plannedStart: parsed.plannedStart?.toISOString() ?? null, plannedEnd: parsed.plannedEnd?.toISOString() ?? null }).toEqual(result);
  });

  test.each([
    { label: 'a time the clock skips (Berlin, 29 Mar 2026 02:30)', start: '2026-03-29T02:30', zone: 'Europe/Berlin' },
    { label: 'a time the clock shows twice (Berlin, 25 Oct 2026 02:30)', start: '2026-10-25T02:30', zone: 'Europe/Berlin' },
    { label: 'a date that does not exist', start: '2026-02-30T10:00', zone: 'UTC' },
  ])('refuses $label', ({ start, zone }) => {
    const result = ZChangeRequestPatch.safeParse(changeContentFromForm(formWith({ serviceIds: randomUUID(), plannedStart: start }), zone));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('exists (once) in the policy time zone');
  });
});
