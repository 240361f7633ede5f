'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { DomainError } from '@/lib/server/errors';
import { applyFlagImport, previewFlagImport } from '@/lib/server/flags/import-flags';
import type { FlagImportChunkState, FlagImportResult } from '@/lib/flags/flag-import';
import { ZFlagImportApplyChunk, ZFlagImportPreviewChunk } from '@/lib/schemas/flag-import';

// The import page calls these with one chunk of parsed rows each, not through a <form>: a whole
// 10 MB file would exceed the server actions' body limit, and one call per chunk is what lets the
// page show progress without a job queue. Each call authenticates, authorizes and re-plans its rows
// from scratch; nothing the browser says about a row is trusted.

/** Dry run of one chunk: what importing its rows would do. Saves nothing. */
export async function previewFlagImportChunkAction(input: unknown): Promise<FlagImportChunkState> {
  const user = await requireUser(); // may redirect: outside try
  const parsed = ZFlagImportPreviewChunk.safeParse(input);
  if (!parsed.success) return refused(parsed.error);
  try {
    return { status: 'ok', result: await previewFlagImport({ actor: user, at: new Date(), ...parsed.data }) };
  } catch (error) {
    if (error instanceof DomainError) return { status: 'error', message: error.message };
    throw error;
  }
}

/** Imports one chunk: every good row is written (each whole), every bad one reported. */
export async function applyFlagImportChunkAction(input: unknown): Promise<FlagImportChunkState> {
  const user = await requireUser();
  const parsed = ZFlagImportApplyChunk.safeParse(input);
  if (!parsed.success) return refused(parsed.error);
  const { candidates, defaults, importId, fileName, format, total } = parsed.data;
  let result: FlagImportResult;
  try {
    result = await applyFlagImport({ actor: user, at: new Date(), candidates, defaults, importId, fileName, format, total, source: 'portal' });
  } catch (error) {
    if (error instanceof DomainError) return { status: 'error', message: error.message };
    throw error;
  }
  if (result.counts.created + result.counts.updated > 0) revalidatePath('/flags', 'layout');
  return { status: 'ok', result };
}

function refused(error: z.ZodError): FlagImportChunkState {
  const fields = Object.keys(z.flattenError(error).fieldErrors);
  return { status: 'error', message: `The import request was not understood${fields.length ? ` (${fields.join(', ')})` : ''}. Reload the page and try again.` };
}
