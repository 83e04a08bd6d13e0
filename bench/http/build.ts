import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The production build the bench serves, in a dist folder of its own (NEXT_DIST_DIR) so it never
// disturbs `.next` or another engineer's build. `next build` with a custom distDir rewrites
// tsconfig.json (it adds the folder's types to "include"): the file is put back byte for byte.

export const DIST_DIR = ".next-bench-http";

export function ensureBuild(opts: { reuse: boolean; log: (line: string) => void }) {
  const buildId = path.join(DIST_DIR, "BUILD_ID");
  if (opts.reuse && existsSync(buildId)) {
    opts.log(`reusing the build in ${DIST_DIR} (BENCH_REUSE_BUILD=1)`);
    return;
  }
  const tsconfig = readFileSync("tsconfig.json");
  const started = Date.now();
  opts.log(`next build into ${DIST_DIR} …`);
  try {
    const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  } finally {
    if (!readFileSync("tsconfig.json").equals(tsconfig)) writeFileSync("tsconfig.json", tsconfig);
  }
  opts.log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
