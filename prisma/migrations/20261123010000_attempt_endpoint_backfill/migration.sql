-- Every attempt names its endpoint (health queries use the (endpointId, startedAt) index).
UPDATE "DeliveryAttempt" a SET "endpointId" = d."endpointId" FROM "Delivery" d WHERE a."deliveryId" = d.id AND a."endpointId" IS NULL;
