// Row ids as the app makes them: UUIDv7 (Prisma's uuid(7)), here stamped with the record's own
// instant in the history, so ids sort like rows created at that time. Servers before PostgreSQL 18
// have no uuidv7(): they get random UUIDs, which the uuid columns take as well.
import { Prisma } from '@/lib/generated/prisma/client';

export function newIdSql(server: { hasUuidV7: boolean }, instant: Prisma.Sql): Prisma.Sql {
  return server.hasUuidV7 ? Prisma.sql`uuidv7((${instant}) - now())` : Prisma.sql`gen_random_uuid()`;
}
