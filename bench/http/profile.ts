// Summarises V8 CPU profiles (`npm run bench:http` with BENCH_CPU_PROF=1 writes one per app
// process into bench/results/profiles): where the CPU went, by package or part of our code, the
// functions with the most self time, and the inclusive time of named frames (our hot path).
// `npx tsx bench/http/profile.ts <file.cpuprofile>… [--frames ingest,createOrder,…] [--top 25]`
import { readFileSync } from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1]! : fallback;
};
const frames = option("--frames", "ingest,authenticateApiKey,enforceRateLimit,hitRateLimit,readJsonBody,parseCreateOrderBody,runIdempotent,createOrder,recordOrderEvent,announce,ingestResponse,claimAndDispatch,attemptDelivery,signedRequestFor,sendHttpAttempt,writeAttempts,renewHeldLeases")
  .split(",")
  .filter(Boolean);
const top = Number(option("--top", "25"));

/** Which part of the code a frame belongs to. */
function partOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("node:")) return "node core";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  // Turbopack chunks name the modules they bundle; ours are under lib/ and app/.
  const base = path.basename(url);
  const pkg = /node_modules_(?:\.pnpm_)?(@?[a-z0-9-]+)/i.exec(base);
  if (pkg) return `${pkg[1]} (bundled)`;
  if (url.includes("/.next")) return `app bundle: ${base.replace(/\.[0-9a-f]{8,}\._?\.js$/, "").slice(0, 60)}`;
  if (url.includes("/lib/") || url.includes("/app/") || url.includes("/scripts/")) return "our code (source)";
  return base;
}

for (const file of args) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, v]) => a + v, 0);
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;

  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const part = partOf(url, functionName);
    parts.set(part, (parts.get(part) ?? 0) + us);
    const key = `${functionName || "(anonymous)"}  ${part}${url ? `:${lineNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  // Inclusive time of a named frame: samples with it anywhere on their stack (counted once each).
  const inclusive = new Map<string, number>(frames.map((f) => [f, 0]));
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name)! + (profile.timeDeltas[i] ?? 0));
      }
    }
  });

  // Inclusive by part: samples with a frame of that part anywhere on the stack (pg under our code, etc.).
  const partsInclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === "(idle)") return;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { url, functionName } = byId.get(cur)!.callFrame;
      const part = url ? partOf(url, functionName).replace(/^app bundle: .*/, "app bundle (our code and bundled packages)") : null;
      if (part && !seen.has(part)) {
        seen.add(part);
        partsInclusive.set(part, (partsInclusive.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0));
      }
    }
  });

  console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / Math.max(1, total)).toFixed(0)}%); shares below are of the busy time`);
  console.log("\nby part of the code (self time):");
  for (const [part, us] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${part}`);
  console.log("\nby part of the code (inclusive: a frame of it anywhere on the stack):");
  for (const [part, us] of [...partsInclusive].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(us)}  ${part}`);
  console.log("\nfunctions with the most self time:");
  for (const [fn, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${fn}`);
  console.log("\nnamed frames, inclusive:");
  for (const [fn, us] of inclusive) if (us > 0) console.log(`  ${pct(us)}  ${fn}`);
}
