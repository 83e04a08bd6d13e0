import { randomBytes, randomUUID } from "node:crypto";

/** Prefixed, sortable-enough ids for rows whose id leaves the system (event_id, order_id). */
export const newId = (prefix: "evt" | "ord" | "dlv") => `${prefix}_${randomUUID().replace(/-/g, "")}`;

/** 144 random bits, URL-safe: the public tracking link cannot be guessed or enumerated. */
export const newTrackingToken = () => randomBytes(18).toString("base64url");
