// What typed text and links must look like, for every schema that takes them from a form or the API.
import { z } from 'zod';

/** Control characters other than tab, line feed and carriage return: typed text never holds them. */
export const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * Trimmed text of at most `max` characters; lines and tabs are kept, other control characters
 * refused. `notText` is the message for a value that is not a string (zod's own when absent).
 */
export function text(max: number, notText?: string) {
  return z.string(notText).trim().max(max, `At most ${max.toLocaleString('en')} characters.`).regex(NO_CONTROL_CHARS, 'Remove control characters.');
}

/** Only http(s) links: a `javascript:` URL must never become a clickable link. Blank means "not linked yet". */
export const ZOptionalWebUrl = z.union(
  [z.literal(''), z.url({ protocol: /^https?$/, error: 'Use an http(s) link.' }).max(2000, 'At most 2,000 characters.')],
  { error: 'Use an http(s) link.' },
);
