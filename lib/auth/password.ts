import bcrypt from 'bcryptjs';

const COST = 10;
// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
const DUMMY_HASH = '$2b$10$I2pu3L.7GfqFFTHVVfmTkewFgUChExPZ8Q527NXQEgdOGyTzVEjk6';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return Boolean(hash) && matches;
}
