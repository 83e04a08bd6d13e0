// Candidate fields → the order-creation input of POST /api/v1/orders (browser-safe), with the
// source's validation mode and the partner's phone country. The result is validated by the
// same zod schema the ingest API uses, so an intake order is never looser than an API order
// except for the one thing a lenient source allows: a phone it could not read.
import { CreateOrderBodySchema, type CreateOrderBody } from "@/lib/events/input";
import type { Candidate } from "@/lib/intake/channels";
import { describeExpression } from "@/lib/intake/channels";
import { normalizePhone } from "@/lib/intake/phone";
import { MAPPING_FIELDS, type IntakeValidation, type MappingField } from "@/lib/intake/rules";

export type CanonicalOrder = { body: CreateOrderBody; phoneIssue: string | null; notes: string[] };
export type CanonicalResult =
  | ({ ok: true } & CanonicalOrder)
  | { ok: false; reasonCode: "missing_field" | "invalid_field" | "invalid_phone"; field: MappingField; message: string };

const LenientPhoneBody = CreateOrderBodySchema.omit({ customer_phone: true });

export function canonicalize(candidate: Candidate, opts: { validation: IntakeValidation; country: string }): CanonicalResult {
  const { values, expressions } = candidate;
  const where = (field: MappingField) => describeExpression(expressions[field]);
  for (const f of MAPPING_FIELDS) {
    if (f.required && f.key !== "customer_phone" && values[f.key] === undefined) {
      return { ok: false, reasonCode: "missing_field", field: f.key, message: `${f.key}: missing (no value at ${where(f.key)})` };
    }
  }
  const notes: string[] = [];
  let phoneIssue: string | null = null;
  let phone = values.customer_phone ?? "";
  const normalized = normalizePhone(values.customer_phone, opts.country);
  if (normalized.ok) phone = normalized.e164;
  else if (opts.validation === "strict") {
    return normalized.issue === "missing"
      ? { ok: false, reasonCode: "missing_field", field: "customer_phone", message: `customer_phone: missing (no value at ${where("customer_phone")})` }
      : { ok: false, reasonCode: "invalid_phone", field: "customer_phone", message: `customer_phone: ${normalized.message} (read from ${where("customer_phone")})` };
  } else {
    phoneIssue = normalized.issue === "missing" ? "missing" : `unparseable: ${phone.slice(0, 40)}`;
    phone = phone.slice(0, 40);
    notes.push(`customer_phone: ${normalized.message}; accepted without SMS (lenient source)`);
  }

  let occurredAt = values.occurred_at;
  const body = {
    merchant_order_ref: values.merchant_order_ref!,
    customer_id: values.customer_id!,
    customer_name: values.customer_name!,
    ...(occurredAt !== undefined ? { occurred_at: occurredAt } : {}),
  };
  const check = () => (phoneIssue ? LenientPhoneBody : CreateOrderBodySchema.omit({ partner_id: true })).safeParse(phoneIssue ? body : { ...body, customer_phone: phone });
  let parsed = check();
  if (!parsed.success && opts.validation === "lenient" && occurredAt !== undefined && parsed.error.issues.every((i) => i.path[0] === "occurred_at")) {
    // An optional field a lenient source cannot read is dropped (the order is placed "now").
    notes.push(`occurred_at: "${occurredAt}" is not an ISO-8601 date-time with a timezone; the order was recorded at receipt`);
    occurredAt = undefined;
    delete (body as { occurred_at?: string }).occurred_at;
    parsed = check();
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "merchant_order_ref") as MappingField;
    return { ok: false, reasonCode: "invalid_field", field, message: `${field}: ${issue.message} (read from ${where(field)})` };
  }
  const data = parsed.data as Omit<CreateOrderBody, "customer_phone">;
  return { ok: true, body: { ...data, customer_phone: phone }, phoneIssue, notes };
}
