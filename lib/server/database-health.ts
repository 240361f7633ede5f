// Tells an outage from a defect: after a read failed, whether the database answers at all.
import { db } from '@/lib/server/db';

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
