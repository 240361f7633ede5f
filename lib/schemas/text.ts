// What typed text and links must look like, for every schema that takes them from a form or the API.
import { z } from 'zod';

/** Control characters other than tab, line feed and carriage return: typed text never holds them. */
export const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when the text is well-formed UTF-16: JSON can carry an unpaired surrogate (`"\ud800"`), which
 * no UTF-8 column can store as sent, so such text is refused rather than silently altered.
 */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

export const BROKEN_TEXT_MESSAGE = 'Remove broken characters (an unpaired surrogate).';

/**
 * Trimmed text of at most `max` characters; lines and tabs are kept, other control characters and
 * unpaired surrogates refused. `notText` is the message for a value that is not a string (zod's own when absent).
 */
export function text(max: number, notText?: string) {
  return z
    .string(notText)
    .trim()
    .max(max, `At most ${max.toLocaleString('en')} characters.`)
    .regex(NO_CONTROL_CHARS, 'Remove control characters.')
    .refine(isWellFormedText, BROKEN_TEXT_MESSAGE);
}

/** Only http(s) links: a `javascript:` URL must never become a clickable link. Blank means "not linked yet". */
export const ZOptionalWebUrl = z.union(
  [z.literal(''), z.url({ protocol: /^https?$/, error: 'Use an http(s) link.' }).max(2000, 'At most 2,000 characters.')],
  { error: 'Use an http(s) link.' },
);
