/**
 * Text to match literally in LIKE, as in Prisma's `contains`, which passes it on unescaped: there
 * `%`, `_` and `\` are wildcards and the escape, so a search for "100%" or "a_b" would match more.
 */
export function literalLikeText(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
