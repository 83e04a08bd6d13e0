// Request bodies for order sources (partner API and dashboard actions share them).
import { z } from "zod";
import { expressionProblem } from "@/lib/intake/json-path";
import { INTAKE_VALIDATIONS, MAPPING_FIELDS, ORDER_SOURCE_TYPES, type FieldMapping } from "@/lib/intake/rules";

const expression = z
  .string()
  .trim()
  .max(300)
  .superRefine((value, ctx) => {
    const problem = value ? expressionProblem(value) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** The field mapping of a generic source: every required field mapped, each a valid path expression. */
const required = expression.pipe(z.string().min(1, { error: "is required" }));
export const mappingSchema = z
  .strictObject({
    merchant_order_ref: required,
    customer_id: required,
    customer_name: required,
    customer_phone: required,
    occurred_at: expression.optional(),
  } satisfies Record<(typeof MAPPING_FIELDS)[number]["key"], z.ZodType>)
  .transform((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v)) as FieldMapping);

const name = z.string().trim().min(1, { error: "is required" }).max(80);
/** A secret a channel issued (Shopify's key, an existing WooCommerce webhook's secret). */
const suppliedSecret = z.string().trim().min(16, { error: "must be at least 16 characters (paste the whole key)" }).max(256).regex(/^\S+$/, { error: "must not contain spaces" });

export const createSourceSchema = z
  .strictObject({
    type: z.enum(ORDER_SOURCE_TYPES),
    name,
    validation: z.enum(INTAKE_VALIDATIONS).default("strict"),
    mapping: mappingSchema.optional(),
    secret: suppliedSecret.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === "shopify" && !v.secret) {
      ctx.addIssue({ code: "custom", path: ["secret"], message: "is required for Shopify: paste the key Shopify signs webhooks with (the app's client secret, or the one under Settings → Notifications → Webhooks)" });
    }
    if (v.type !== "generic" && v.mapping) ctx.addIssue({ code: "custom", path: ["mapping"], message: `only generic sources have a mapping; ${v.type} payloads are mapped by Waypoint` });
    if (v.type === "generic" && v.secret && !/^whsec_[A-Za-z0-9+/=]{32,}$/.test(v.secret)) {
      ctx.addIssue({ code: "custom", path: ["secret"], message: "must be a Standard Webhooks secret (whsec_ followed by base64), or leave it out and Waypoint generates one" });
    }
  });
export type CreateSourceInput = z.input<typeof createSourceSchema>;
export type CreateSourceFields = z.output<typeof createSourceSchema>;

export const updateSourceSchema = z
  .strictObject({
    name: name.optional(),
    validation: z.enum(INTAKE_VALIDATIONS).optional(),
    mapping: mappingSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: "send at least one of name, validation, mapping, enabled" });
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;

export const rotateSourceSecretSchema = z.strictObject({ secret: suppliedSecret.optional() });

export const countrySchema = z.strictObject({ country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code such as IN" }) });
