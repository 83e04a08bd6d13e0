import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/decisions/0008-trimmed-install.md: inngest's auto-instrumentations dependency is replaced
// by a stand-in so a first install writes 35,000 fewer files. This keeps the trim from being
// undone silently (a lockfile regenerated without the override brings the real package back).
describe("the OpenTelemetry auto-instrumentations stand-in", () => {
  const fromInngest = createRequire(require.resolve("inngest"));

  it("is what inngest resolves, from the repo's vendor folder", () => {
    const resolved = fromInngest.resolve("@opentelemetry/auto-instrumentations-node");
    expect(path.relative(process.cwd(), resolved)).toBe(
      path.join("vendor", "opentelemetry-auto-instrumentations-off", "index.js"),
    );
  });

  it("answers inngest's only call with no instrumentations", async () => {
    const { getNodeAutoInstrumentations } = await import("@opentelemetry/auto-instrumentations-node");
    expect(getNodeAutoInstrumentations()).toEqual([]);
  });
});
