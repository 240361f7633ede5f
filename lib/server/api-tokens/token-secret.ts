// Token secrets: long random strings, stored only as their SHA-256 (fast to check on every request,
// and useless to whoever reads the table).
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'cbt_';
const PREFIX_SHOWN = 12;

export function newTokenSecret(): { secret: string; hash: Uint8Array<ArrayBuffer>; prefix: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashTokenSecret(secret), prefix: secret.slice(0, PREFIX_SHOWN) };
}

export function hashTokenSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}
