-- Idempotency keys are reserved before their request runs (issue 3, item 6): a reservation has no
-- answer yet, so a racing duplicate sees "in progress" instead of running the request twice.
-- AlterTable
ALTER TABLE "idempotency_key" ALTER COLUMN "status_code" DROP NOT NULL,
ALTER COLUMN "response_body" DROP NOT NULL;
