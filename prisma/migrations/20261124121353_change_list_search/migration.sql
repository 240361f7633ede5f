-- Change list search (issue 3, item 5): case-insensitive substring search over titles and
-- descriptions (ILIKE '%word%') through trigram GIN indexes, so it stays fast with 100k changes.
-- Prisma no longer declares extensions in the schema (postgresqlExtensions is deprecated), so
-- the migration creates it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "change_request_title_idx" ON "change_request" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "change_request_description_idx" ON "change_request" USING GIN ("description" gin_trgm_ops);
