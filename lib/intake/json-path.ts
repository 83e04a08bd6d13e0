// Path expressions into a channel's JSON, for generic sources' field mappings (browser-safe: the
// dashboard's live preview runs the same code as the intake route).
//
//   billing.phone                 a nested key
//   line_items[0].sku             an array element (line_items.0.sku works too)
//   shipping.phone | billing.phone    the first alternative that has a value
//   billing.first_name + billing.last_name   the values joined with a space (missing parts skipped)

export type PathValue = string | number | boolean;

function segments(path: string): string[] | null {
  const parts: string[] = [];
  for (const raw of path.trim().split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(raw.trim());
    if (!m) return null;
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(idx[1]!);
  }
  return parts.length ? parts : null;
}

/** The value at one plain path, or undefined. Objects and arrays are not values. */
export function valueAt(root: unknown, path: string): PathValue | undefined {
  const segs = segments(path);
  if (!segs) return undefined;
  let node: unknown = root;
  for (const seg of segs) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  if (typeof node === "string") return node.trim() === "" ? undefined : node.trim();
  if (typeof node === "number" || typeof node === "boolean") return node;
  return undefined;
}

/** The plain paths an expression reads, for error messages ("no value at a, b"). */
export const pathsOf = (expression: string) =>
  expression
    .split("|")
    .flatMap((alt) => alt.split("+"))
    .map((p) => p.trim())
    .filter(Boolean);

/** Evaluates an expression: the first alternative with any value; `+` parts joined with a space. */
export function evaluate(root: unknown, expression: string): string | undefined {
  for (const alternative of expression.split("|")) {
    const parts = alternative
      .split("+")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => valueAt(root, p))
      .filter((v): v is PathValue => v !== undefined)
      .map(String);
    if (parts.length) return parts.join(" ");
  }
  return undefined;
}

/** Syntax problems of an expression (empty alternative, bad brackets), or null. */
export function expressionProblem(expression: string): string | null {
  if (!expression.trim()) return "is empty";
  for (const alternative of expression.split("|")) {
    const parts = alternative.split("+").map((p) => p.trim());
    if (parts.some((p) => !p)) return `has an empty part in "${alternative.trim()}"`;
    for (const p of parts) if (!segments(p)) return `"${p}" is not a path (use a.b, a[0].b)`;
  }
  return null;
}
