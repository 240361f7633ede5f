'use client';

import Link from 'next/link';
import { useActionState, useState, type FormEvent } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import type { HolidayImportState, HolidayRow } from '@/lib/calendar/holiday-import';
import { HOLIDAY_FILE_MAX_BYTES } from '@/lib/schemas/calendar';
import { DataTable } from '@/components/admin/data-table';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT, LINK } from '@/components/ui/styles';

type Props = {
  previewAction: (prev: HolidayImportState, formData: FormData) => Promise<HolidayImportState>;
  applyAction: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  timeZone: string;
};

type PreviewRow = { key: string; date: string; name: string; where: string; outcome: string; tone: BadgeTone };

const TOO_LARGE = 'The file is over 1 MB; split it into smaller files.';

/**
 * Step 1 uploads a .csv or .ics file and shows what importing it would do (nothing is saved); step 2
 * sends the previewed text back and imports it. The server parses and checks the text again there.
 */
export function HolidayImportForm({ previewAction, applyAction, timeZone }: Readonly<Props>) {
  const [previewState, preview] = useActionState<HolidayImportState, FormData>(previewAction, IDLE);
  // Checked here too: a file over the server actions' body limit would never reach the server's own check.
  const [tooLarge, setTooLarge] = useState(false);
  const plan = previewState.preview;
  const uploadErrors = tooLarge ? [TOO_LARGE] : previewState.status === 'error' ? previewState.fieldErrors?.file : undefined;

  function checkSize(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get('file');
    const isTooLarge = file instanceof File && file.size > HOLIDAY_FILE_MAX_BYTES;
    setTooLarge(isTooLarge);
    if (isTooLarge) event.preventDefault();
  }

  return (
    <div className="space-y-8">
      <form action={preview} onSubmit={checkSize} className="max-w-xl space-y-5" noValidate>
        <Field id="file" label="Holiday file (.csv or .ics)" hint={`CSV: a header line "date,name", then one holiday per line (YYYY-MM-DD). iCalendar: all-day events. Days are read in ${timeZone}. At most 1 MB and 2,000 holidays.`} errors={uploadErrors}>
          {(describedBy, invalid) => <input id="file" name="file" type="file" accept=".csv,.ics,text/csv,text/calendar" className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <div className="flex items-center gap-4">
          <SubmitButton pendingText="Reading…">Preview import</SubmitButton>
          <FormMessage state={tooLarge ? { status: 'error', message: TOO_LARGE } : previewState} />
        </div>
      </form>
      {/* Keyed by the file: a new preview starts a new apply step. */}
      {plan && !tooLarge ? <ImportPreview key={`${plan.fileName}:${plan.content.length}:${plan.content.slice(0, 200)}`} plan={plan} applyAction={applyAction} /> : null}
    </div>
  );
}

type Plan = NonNullable<HolidayImportState['preview']>;

/** What importing the previewed file would do, and the button that does it. */
function ImportPreview({ plan, applyAction }: Readonly<{ plan: Plan; applyAction: Props['applyAction'] }>) {
  const [applyState, apply] = useActionState(applyAction, IDLE);
  const rows: PreviewRow[] = [
    ...plan.added.map((row) => previewRow(row, 'Will be added', 'good')),
    ...plan.renamed.map((row) => previewRow(row, `Will be renamed from “${row.previousName}”`, 'warn')),
    ...plan.unchanged.map((row) => previewRow(row, 'Already a holiday: unchanged', 'neutral')),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const toWrite = plan.added.length + plan.renamed.length;
  return (
    <section aria-labelledby="import-preview" className="space-y-4">
      <h2 id="import-preview" className="text-lg font-semibold">Preview of {plan.fileName}</h2>
      <p className="text-sm text-slate-700">
        {plan.added.length} to add, {plan.renamed.length} to rename, {plan.unchanged.length} unchanged, {plan.rejected.length} skipped. Nothing is saved until you import.
      </p>
      <DataTable
        caption="Holidays in the file, by date"
        rows={rows}
        rowKey={(row) => row.key}
        empty="The file names no usable holiday."
        columns={[
          { header: 'Date', cell: (row) => <time dateTime={row.date}>{row.date}</time>, className: 'whitespace-nowrap' },
          { header: 'Name', cell: (row) => row.name },
          { header: 'Outcome', cell: (row) => <Badge tone={row.tone}>{row.outcome}</Badge> },
          { header: 'From', cell: (row) => row.where },
        ]}
      />
      {plan.rejected.length > 0 ? (
        <>
          <h3 className="text-base font-semibold">Skipped rows ({plan.rejected.length})</h3>
          <DataTable
            caption="Rows that will not be imported, and why"
            rows={plan.rejected.map((row, index) => ({ ...row, key: `${index}` }))}
            rowKey={(row) => row.key}
            empty=""
            columns={[
              { header: 'Where', cell: (row) => row.where, className: 'whitespace-nowrap' },
              { header: 'Why it is skipped', cell: (row) => row.reason },
            ]}
          />
        </>
      ) : null}
      <form action={apply} className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="fileName" value={plan.fileName} />
        <input type="hidden" name="content" value={plan.content} />
        {applyState.status === 'ok' ? (
          <Link href="/calendar/holidays" className={LINK}>Back to holidays</Link>
        ) : toWrite > 0 ? (
          <SubmitButton pendingText="Importing…">{`Import ${toWrite} ${toWrite === 1 ? 'holiday' : 'holidays'}`}</SubmitButton>
        ) : (
          <p className="text-sm text-slate-700">Nothing to import: the calendar already holds every holiday of this file.</p>
        )}
        <FormMessage state={applyState} />
      </form>
    </section>
  );
}

function previewRow(row: HolidayRow, outcome: string, tone: BadgeTone): PreviewRow {
  return { key: row.date, date: row.date, name: row.name, where: row.where, outcome, tone };
}
