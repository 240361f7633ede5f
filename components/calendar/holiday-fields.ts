// The fields of the holiday form, shared by the add form and the edit page.
import type { AdminField } from '@/components/admin/admin-form';
import { HOLIDAY_NAME_MAX } from '@/lib/schemas/calendar';

export function holidayFields(timeZone: string, holiday?: { date: string; name: string }): AdminField[] {
  return [
    // Typed as text, not a date picker: the value is a plain calendar day, and the server explains a bad one.
    { kind: 'text', name: 'date', label: 'Date', hint: `YYYY-MM-DD, e.g. 2026-12-25. The whole day in ${timeZone}.`, value: holiday?.date, maxLength: 10 },
    { kind: 'text', name: 'name', label: 'Name', value: holiday?.name, maxLength: HOLIDAY_NAME_MAX },
  ];
}
