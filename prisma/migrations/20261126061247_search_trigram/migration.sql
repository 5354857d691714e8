-- Inbox search through trigrams: any word, anywhere in the thread's search text or in a message body.
-- PGlite has pg_trgm as a contrib extension: every PGlite is opened with it (packages/db/src/embedded/open-pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Message bodies, lower-cased with single spaces (written by packages/api/src/messages/write-message.ts).
ALTER TABLE "messages" ADD COLUMN     "search_body" TEXT NOT NULL DEFAULT '';
UPDATE "messages" SET "search_body" = lower(btrim(regexp_replace("body", '\s+', ' ', 'g')));
ALTER TABLE "messages" ALTER COLUMN "search_body" DROP DEFAULT;

-- The thread's search text now also has the customer's phone and e-mail and the vehicle's make and model
-- (the same text as threadSearchText() in packages/api/src/messages/search-text.ts).
UPDATE "threads" t SET "search_text" = concat_ws(' | ',
    NULLIF(lower(btrim(regexp_replace(c."name", '\s+', ' ', 'g'))), ''),
    NULLIF(lower(btrim(regexp_replace(b."reference", '\s+', ' ', 'g'))), ''),
    NULLIF(lower(btrim(regexp_replace(b."vehicle_registration", '\s+', ' ', 'g'))), ''),
    NULLIF(lower(regexp_replace(b."vehicle_registration", '\s+', '', 'g')), ''),
    NULLIF(lower(btrim(regexp_replace(c."phone", '\s+', ' ', 'g'))), ''),
    NULLIF(lower(regexp_replace(c."phone", '\s+', '', 'g')), ''),
    NULLIF(lower(btrim(regexp_replace(c."email", '\s+', ' ', 'g'))), ''),
    NULLIF(lower(btrim(regexp_replace(b."vehicle_make", '\s+', ' ', 'g'))), ''),
    NULLIF(lower(btrim(regexp_replace(b."vehicle_model", '\s+', ' ', 'g'))), ''))
FROM "bookings" b JOIN "customers" c ON c."id" = b."customer_id"
WHERE b."id" = t."booking_id";

-- CreateIndex
CREATE INDEX "messages_search_body_trgm_idx" ON "messages" USING GIN ("search_body" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "threads_search_text_trgm_idx" ON "threads" USING GIN ("search_text" gin_trgm_ops);
