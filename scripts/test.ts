import { spawnSync } from "node:child_process";
import { ensureTestPostgres } from "@/tests/support/test-postgres";

// `npm test`: the whole suite, in order, stopping at the first failure. `npm test -- unit
// integration` runs only the named steps. The steps that need PostgreSQL use
// TEST_DATABASE_ADMIN_URL (default 127.0.0.1:5432); when no server answers there, one embedded
// PostgreSQL is started for the run and stopped at the end (tests/support/test-postgres.ts).
const steps: [string, string[]][] = [
  ["lint", ["npm", "run", "lint"]],
  ["typecheck", ["npm", "run", "typecheck"]],
  ["unit", ["npm", "run", "test:unit"]],
  ["integration", ["npm", "run", "test:integration"]],
  ["e2e", ["npm", "run", "test:e2e"]],
  // The demo `npm run dev` sets up (seed, receiver, mail catcher, traffic), on the same build.
  ["e2e-demo", ["npm", "run", "test:e2e:demo"]],
  // After e2e on purpose: the crash test kill -9s `next start` on the build e2e just made.
  ["reliability", ["npm", "run", "test:reliability"]],
];
const NEEDS_DATABASE = new Set(["integration", "e2e", "e2e-demo", "reliability"]);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !steps.some(([name]) => name === w));
if (unknown.length) {
  console.error(`Unknown step(s): ${unknown.join(", ")}. Steps: ${steps.map(([n]) => n).join(", ")}`);
  process.exit(2);
}
const selected = wanted.length ? steps.filter(([name]) => wanted.includes(name)) : steps;

const started = Date.now();
const timings: string[] = [];
const server = selected.some(([name]) => NEEDS_DATABASE.has(name)) ? await ensureTestPostgres() : null;
let failed: { name: string; status: number } | null = null;
for (const [name, [cmd, ...args]] of selected) {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  // e2e-demo reuses the build the e2e step has just made.
  const reuseBuild = name === "e2e-demo" && timings.some((t) => t.startsWith("e2e "));
  const result = spawnSync(cmd!, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(reuseBuild ? { E2E_SKIP_BUILD: "1" } : {}) } });
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failed = { name, status: result.status ?? 1 };
    break;
  }
}
await server?.stop();
if (failed) {
  console.error(`\n✗ ${failed.name} failed (exit ${failed.status}). Timings: ${timings.join(", ")}`);
  process.exit(failed.status);
}
console.log(`\n✓ ${wanted.length ? selected.map(([n]) => n).join(", ") : "all steps"} passed in ${((Date.now() - started) / 1000).toFixed(0)} s (${timings.join(", ")})`);
