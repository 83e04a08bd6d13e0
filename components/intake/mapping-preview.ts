// The live preview's computation, in the browser: the same channel rules, mapping evaluator and
// canonical validation the intake route runs, so what the preview shows is what intake does.
import { canonicalize, type CanonicalResult } from "@/lib/intake/canonical";
import { decide, parseJsonKeepingBigIntegers } from "@/lib/intake/channels";
import { expressionProblem } from "@/lib/intake/json-path";
import type { FieldMapping, IntakeValidation, MappingField, OrderSourceType } from "@/lib/intake/rules";

export type Preview =
  | { kind: "empty" }
  | { kind: "bad_json"; message: string }
  | { kind: "ignored"; reason: string }
  | { kind: "mapped"; values: Partial<Record<MappingField, string>>; problems: Partial<Record<MappingField, string>>; result: CanonicalResult };

export function previewMapping(opts: { type: OrderSourceType; sample: string; mapping: FieldMapping; validation: IntakeValidation; country: string; topic?: string | null }): Preview {
  if (!opts.sample.trim()) return { kind: "empty" };
  let payload: unknown;
  try {
    payload = parseJsonKeepingBigIntegers(opts.sample);
  } catch (error) {
    return { kind: "bad_json", message: error instanceof Error ? error.message : "not JSON" };
  }
  const problems: Partial<Record<MappingField, string>> = {};
  for (const [field, expression] of Object.entries(opts.mapping) as [MappingField, string][]) {
    const problem = expression ? expressionProblem(expression) : null;
    if (problem) problems[field] = problem;
  }
  const topic = opts.topic ?? (opts.type === "shopify" ? "orders/create" : opts.type === "woocommerce" ? "order.created" : null);
  const decision = decide(opts.type, payload, { topic, mapping: opts.mapping });
  if (decision.kind === "ignore") return { kind: "ignored", reason: decision.reason };
  return { kind: "mapped", values: decision.candidate.values, problems, result: canonicalize(decision.candidate, { validation: opts.validation, country: opts.country }) };
}
