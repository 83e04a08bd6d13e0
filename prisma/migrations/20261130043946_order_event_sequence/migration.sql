-- Per-order event sequence (issue 11, item 3) and one v2 shape at every path (item 2).

-- AlterTable: nullable first, so existing events can be numbered before the constraint.
ALTER TABLE "OrderEvent" ADD COLUMN     "sequence" INTEGER;

-- Backfill: each order's existing events 1, 2, 3 … in the order they happened (ties: the
-- order they were recorded, then id, so the numbering is deterministic).
UPDATE "OrderEvent" e
   SET "sequence" = n.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY "orderId" ORDER BY "occurredAt", "createdAt", id) AS seq
          FROM "OrderEvent") n
 WHERE n.id = e.id;

-- The stored v2 payloads follow the new contract, so retries and the Event Log render them:
-- `sequence` added, and `rider` is always an object (null leaves where no rider applies).
UPDATE "OrderEvent"
   SET payload = jsonb_set(
         CASE WHEN payload->'rider' = 'null'::jsonb
              THEN jsonb_set(payload, '{rider}', '{"name": null, "phone_masked": null}'::jsonb)
              ELSE payload END,
         '{sequence}', to_jsonb("sequence"))
 WHERE payload->>'schema_version' = 'v2';

ALTER TABLE "OrderEvent" ALTER COLUMN "sequence" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "OrderEvent_orderId_sequence_key" ON "OrderEvent"("orderId", "sequence");
