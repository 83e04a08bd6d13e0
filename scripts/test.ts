import { spawnSync } from "node:child_process";

// `npm test`: the whole suite, in order, stopping at the first failure.
const steps: [string, string[]][] = [
  ["lint", ["npm", "run", "lint"]],
  ["typecheck", ["npm", "run", "typecheck"]],
  ["unit", ["npm", "run", "test:unit"]],
  ["integration", ["npm", "run", "test:integration"]],
  ["e2e", ["npm", "run", "test:e2e"]],
  // After e2e on purpose: the crash test kill -9s `next start` on the build e2e just made.
  ["reliability", ["npm", "run", "test:reliability"]],
];

const started = Date.now();
const timings: string[] = [];
for (const [name, [cmd, ...args]] of steps) {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(cmd!, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status}). Timings: ${timings.join(", ")}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✓ all steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s (${timings.join(", ")})`);
