'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import {
  decodeFlagImportFile, FLAG_IMPORT_FORMAT_LABEL, FLAG_IMPORT_FORMATS, FLAG_IMPORT_MAX_ROWS, FlagImportFileError, parseFlagImport, sortForReview, countResults,
  type FlagCandidate, type FlagImportChunkState, type FlagImportFormat, type FlagImportRowResult,
} from '@/lib/flags/flag-import';
import { FLAG_APPLY_CHUNK_ROWS, FLAG_PREVIEW_CHUNK_ROWS, ZFlagImportDefaults, type FlagImportApplyChunk, type FlagImportDefaults, type FlagImportPreviewChunk } from '@/lib/schemas/flag-import';
import { DataTable } from '@/components/admin/data-table';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Field } from '@/components/ui/field';
import { BUTTON_PRIMARY, INPUT, LINK } from '@/components/ui/styles';

type Props = {
  previewAction: (input: FlagImportPreviewChunk) => Promise<FlagImportChunkState>;
  applyAction: (input: FlagImportApplyChunk) => Promise<FlagImportChunkState>;
  /** The importer's team: the only one they import for. */
  team: { slug: string; name: string };
  userEmail: string;
};

type Preview = {
  fileName: string;
  format: FlagImportFormat;
  defaults: FlagImportDefaults;
  candidates: FlagCandidate[];
  rows: FlagImportRowResult[];
};

type Progress = { done: number; total: number; label: string };

/** Rows drawn in a table at most: errors come first, so they are shown unless there are thousands. */
const MAX_SHOWN_ROWS = 500;
const number = (value: number) => value.toLocaleString('en');
const plural = (count: number, noun: string) => `${number(count)} ${noun}${count === 1 ? '' : 's'}`;

/** A random UUID, also on plain-http origins where crypto.randomUUID is missing. */
function newImportId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Step 1 reads the file in the browser (format told by its content), then asks the server what
 * importing it would do, 2,000 rows per call; nothing is saved. Step 2 sends the rows to write
 * 250 per call, each call re-checked and written by the server, and shows the progress between calls.
 * Why in the browser: a 10 MB file exceeds the server actions' body limit, and a call per chunk gives
 * real progress without a job queue. The server trusts none of it: it plans every row again.
 */
export function FlagImportForm({ previewAction, applyAction, team, userEmail }: Readonly<Props>) {
  const [fileErrors, setFileErrors] = useState<string[] | undefined>();
  const [ownerErrors, setOwnerErrors] = useState<string[] | undefined>();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [attempt, setAttempt] = useState(0);
  const isBusy = progress !== null;

  async function readAndPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    const form = new FormData(event.currentTarget);
    setPreview(null);
    setMessage(null);
    setFileErrors(undefined);
    setOwnerErrors(undefined);

    const defaults = ZFlagImportDefaults.safeParse({ ownerEmail: String(form.get('defaultOwnerEmail') ?? '').trim() || null, team: String(form.get('defaultTeam') ?? '') || null });
    if (!defaults.success) {
      setOwnerErrors(['Enter an email address, or leave it empty.']);
      setMessage({ tone: 'error', text: 'Check the highlighted fields.' });
      return;
    }
    const file = form.get('file');
    if (!(file instanceof File) || file.name === '') {
      setFileErrors(['Choose a file to import.']);
      setMessage({ tone: 'error', text: 'Check the highlighted fields.' });
      return;
    }
    let parsed: { format: FlagImportFormat; candidates: FlagCandidate[] };
    try {
      const format = String(form.get('format') ?? 'auto');
      parsed = parseFlagImport(decodeFlagImportFile(new Uint8Array(await file.arrayBuffer())), format === 'auto' ? 'auto' : (format as FlagImportFormat));
    } catch (error) {
      if (!(error instanceof FlagImportFileError)) throw error;
      setFileErrors([error.message]);
      setMessage({ tone: 'error', text: 'The file cannot be imported.' });
      return;
    }

    const rows: FlagImportRowResult[] = [];
    const total = parsed.candidates.length;
    try {
      for (const chunk of chunks(parsed.candidates, FLAG_PREVIEW_CHUNK_ROWS)) {
        setProgress({ done: rows.length, total, label: `Checking ${number(rows.length)} of ${plural(total, 'flag')}` });
        const answer = await previewAction({ candidates: chunk, defaults: defaults.data });
        if (answer.status === 'error') {
          setMessage({ tone: 'error', text: answer.message });
          return;
        }
        rows.push(...answer.result.rows);
      }
    } catch {
      setMessage({ tone: 'error', text: 'The server could not check the file. Try again in a moment.' });
      return;
    } finally {
      setProgress(null);
    }
    setAttempt((count) => count + 1);
    setPreview({ fileName: file.name, format: parsed.format, defaults: defaults.data, candidates: parsed.candidates, rows });
    setMessage({ tone: 'ok', text: `Read ${file.name} (${FLAG_IMPORT_FORMAT_LABEL[parsed.format]}): ${plural(total, 'flag')}.` });
  }

  return (
    <div className="space-y-8">
      <form onSubmit={readAndPreview} className="max-w-xl space-y-5" noValidate>
        <Field id="file" label="Flag file (JSON or CSV)" hint={`Changeboard JSON or CSV (header key,team,type,owner,purpose,feature,rollout_percent,created_at), an Unleash export or a LaunchDarkly export. At most 10 MB and ${number(FLAG_IMPORT_MAX_ROWS)} flags.`} errors={fileErrors}>
          {(describedBy, invalid) => <input id="file" name="file" type="file" accept=".json,.csv,application/json,text/csv" className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} disabled={isBusy} />}
        </Field>
        <Field id="format" label="Format" hint="Detected from the content unless you choose one.">
          {(describedBy) => (
            <select id="format" name="format" defaultValue="auto" className={INPUT} aria-describedby={describedBy} disabled={isBusy}>
              <option value="auto">Detect automatically</option>
              {FLAG_IMPORT_FORMATS.map((format) => <option key={format} value={format}>{FLAG_IMPORT_FORMAT_LABEL[format]}</option>)}
            </select>
          )}
        </Field>
        <Field id="defaultOwnerEmail" label="Default owner (email)" hint={`For flags the file gives no owner (Unleash exports never do; LaunchDarkly flags without a maintainer), e.g. ${userEmail}.`} errors={ownerErrors}>
          {(describedBy, invalid) => <input id="defaultOwnerEmail" name="defaultOwnerEmail" type="email" autoComplete="off" className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} disabled={isBusy} />}
        </Field>
        <Field id="defaultTeam" label="Default team" hint="For flags the file gives no team and whose key does not start with a team.">
          {(describedBy) => (
            <select id="defaultTeam" name="defaultTeam" defaultValue="" className={INPUT} aria-describedby={describedBy} disabled={isBusy}>
              <option value="">None: take the team from the key</option>
              <option value={team.slug}>{team.name} ({team.slug})</option>
            </select>
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className={BUTTON_PRIMARY} disabled={isBusy}>{progress && !preview ? 'Checking…' : 'Preview import'}</button>
          <p role="status" className={message?.tone === 'error' ? 'text-sm font-medium text-red-700' : 'text-sm font-medium text-emerald-800'}>{message?.text ?? ''}</p>
        </div>
        {progress && !preview ? <ProgressBar progress={progress} label="Preview progress" /> : null}
      </form>
      {preview ? <ImportPreview key={attempt} preview={preview} applyAction={applyAction} /> : null}
    </div>
  );
}

function ProgressBar({ progress, label }: Readonly<{ progress: Progress; label: string }>) {
  const share = progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * 100);
  return (
    <div className="max-w-xl space-y-1">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} aria-valuetext={`${progress.label} (${share} %)`} className="h-3 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-indigo-700 transition-[width]" style={{ width: `${share}%` }} />
      </div>
      <p className="text-sm text-slate-700">{progress.label}…</p>
    </div>
  );
}

const OUTCOME: Record<FlagImportRowResult['outcome'], { preview: string; done: string; tone: BadgeTone }> = {
  created: { preview: 'Will be created', done: 'Created', tone: 'good' },
  updated: { preview: 'Will be updated', done: 'Updated', tone: 'warn' },
  unchanged: { preview: 'Unchanged', done: 'Unchanged', tone: 'neutral' },
  error: { preview: 'Error: not imported', done: 'Error: not imported', tone: 'bad' },
};

const FIELD_LABEL = { team: 'team', type: 'type', owner: 'owner', purpose: 'purpose', feature: 'feature', rolloutPercent: 'rollout %' } as const;

/** What importing the previewed file would do, the button that does it, its progress and its result. */
function ImportPreview({ preview, applyAction }: Readonly<{ preview: Preview; applyAction: Props['applyAction'] }>) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [applied, setApplied] = useState<{ rows: FlagImportRowResult[]; stopped: string | null } | null>(null);
  const counts = countResults(preview.rows);
  const toWrite = preview.rows.filter((row) => row.outcome === 'created' || row.outcome === 'updated');

  async function runImport() {
    if (progress) return;
    const byIndex = new Map(preview.candidates.map((candidate) => [candidate.index, candidate]));
    const candidates = toWrite.map((row) => byIndex.get(row.index)).filter((candidate): candidate is FlagCandidate => candidate !== undefined);
    const importId = newImportId();
    const rows: FlagImportRowResult[] = [];
    let stopped: string | null = null;
    setApplied(null);
    try {
      for (const chunk of chunks(candidates, FLAG_APPLY_CHUNK_ROWS)) {
        setProgress({ done: rows.length, total: candidates.length, label: `Imported ${number(rows.length)} of ${plural(candidates.length, 'flag')}` });
        const answer = await applyAction({ candidates: chunk, defaults: preview.defaults, importId, fileName: preview.fileName, format: preview.format, total: preview.candidates.length });
        if (answer.status === 'error') {
          stopped = answer.message;
          break;
        }
        rows.push(...answer.result.rows);
      }
    } catch {
      stopped = 'The connection to the server failed.';
    } finally {
      setProgress(null);
    }
    // Rows not sent (errors, unchanged) keep their preview verdict; rows never reached stay out.
    const sent = new Set(candidates.map((candidate) => candidate.index));
    setApplied({ rows: stopped ? rows : [...rows, ...preview.rows.filter((row) => !sent.has(row.index))], stopped });
  }

  const shown = sortForReview(applied ? applied.rows : preview.rows);
  const doneCounts = applied ? countResults(applied.rows) : null;
  return (
    <section aria-labelledby="import-preview" className="space-y-4">
      <h2 id="import-preview" className="text-lg font-semibold">{applied ? 'Result' : 'Preview'} of {preview.fileName}</h2>
      <p className="text-sm text-slate-700">
        {FLAG_IMPORT_FORMAT_LABEL[preview.format]}, {plural(preview.rows.length, 'flag')}: {number(counts.created)} to create, {number(counts.updated)} to update, {number(counts.unchanged)} unchanged, {number(counts.errors)} with errors.{applied ? '' : ' Nothing is saved until you import.'}
      </p>
      {applied === null && toWrite.length > 0 ? (
        <button type="button" onClick={runImport} disabled={progress !== null} className={BUTTON_PRIMARY}>
          {progress ? 'Importing…' : `Import ${plural(toWrite.length, 'flag')}`}
        </button>
      ) : null}
      {applied === null && toWrite.length === 0 ? <p className="text-sm text-slate-700">Nothing to import: every flag of this file is already stored as it says, or has errors.</p> : null}
      {progress ? <ProgressBar progress={progress} label="Import progress" /> : null}
      <p role="status" className={applied?.stopped ? 'text-sm font-medium text-red-700' : 'text-sm font-medium text-emerald-800'}>
        {applied && doneCounts
          ? `${applied.stopped ? `Import stopped after ${plural(applied.rows.length, 'flag')}: ${applied.stopped} Importing the file again continues where it stopped.` : 'Import finished'}: ${number(doneCounts.created)} created, ${number(doneCounts.updated)} updated, ${number(doneCounts.unchanged)} unchanged, ${number(doneCounts.errors)} with errors.`
          : ''}
      </p>
      {applied ? <p className="text-sm"><Link href="/flags" className={LINK}>Go to the flag inventory</Link></p> : null}
      {shown.length > MAX_SHOWN_ROWS ? <p className="text-sm text-slate-700">Showing the first {number(MAX_SHOWN_ROWS)} of {number(shown.length)} rows, errors first.</p> : null}
      <DataTable
        caption={applied ? 'Flags written, errors first' : 'Flags in the file and what importing them does, errors first'}
        rows={shown.slice(0, MAX_SHOWN_ROWS)}
        rowKey={(row) => String(row.index)}
        empty="No rows."
        columns={[
          { header: 'Row', cell: (row) => row.where, className: 'whitespace-nowrap' },
          { header: 'Key', cell: (row) => <code className="break-all">{row.key || '(none)'}</code> },
          { header: 'Outcome', cell: (row) => <Badge tone={OUTCOME[row.outcome].tone}>{applied ? OUTCOME[row.outcome].done : OUTCOME[row.outcome].preview}</Badge> },
          { header: 'Details', cell: (row) => <RowDetails row={row} /> },
        ]}
      />
    </section>
  );
}

function RowDetails({ row }: Readonly<{ row: FlagImportRowResult }>) {
  if (row.errors?.length) return <ul className="list-disc space-y-0.5 pl-4">{row.errors.map((error) => <li key={error}>{error}</li>)}</ul>;
  if (row.changes?.length) return <>Changes {row.changes.map((field) => FIELD_LABEL[field]).join(', ')}</>;
  return null;
}
