// Small builders for the OpenAPI document, so each operation reads as what it is.
import { z } from "zod";

type Json = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The JSON Schema (2020-12, what OpenAPI 3.1 uses) of a zod schema the API itself validates or
 * answers with, so the document cannot disagree with the code. Request bodies use the input
 * side (before defaults and transforms), responses the output side.
 */
export function fromZod(schema: z.ZodType, io: "input" | "output" = "output"): Json {
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  delete generated.$schema;
  return withoutDateTimePatterns(generated) as Json;
}

// zod spells out ISO-8601 as a 300-character regex next to `format: date-time`; the format says it.
function withoutDateTimePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDateTimePatterns);
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node).filter(([key]) => !(key === "pattern" && (node as Json).format === "date-time"));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutDateTimePatterns(value)]));
}

export const jsonContent = (schema: Json) => ({ content: { "application/json": { schema } } });

export const body = (name: string, description?: string) => ({ required: true, ...(description ? { description } : {}), ...jsonContent(ref(name)) });

export const ok = (description: string, schemaName: string) => ({ description, ...jsonContent(ref(schemaName)) });

const ERROR_RESPONSES = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  408: "RequestTimeout",
  409: "Conflict",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  422: "ValidationFailed",
  429: "RateLimited",
  503: "Overloaded",
} as const;

/** The error answers an operation can give, each `{error:{code,message,details?}}`. */
export const errors = (...codes: (keyof typeof ERROR_RESPONSES)[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/${ERROR_RESPONSES[code]}` }]));

export const pathParam = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });

export const PARTNER_SECURITY = [{ partnerKey: [] }, { session: [] }];
export const INGEST_SECURITY = [{ ingestKey: [] }];
