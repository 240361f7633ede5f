// Database tests write and race freely, so they must never reach a shared or production server.
import { databaseEnv } from '@/lib/env';

const url = new URL(databaseEnv().DATABASE_URL);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error(`Database tests refuse to run against ${url.hostname}: point DATABASE_URL at a local test database (npm test does).`);
}
if (!url.pathname.includes('test')) {
  throw new Error('Database tests need a database whose name contains "test" (npm test creates one), never the demo database.');
}
