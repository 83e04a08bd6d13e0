import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

/** Builds the app once if no production build exists (npm test's e2e step leaves one). */
export function ensureBuild() {
  if (existsSync(".next/BUILD_ID")) return;
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("next build failed");
}

/** `next start` as its own process group, so kill -9 takes the whole app down at once. */
export async function startApp(port: number, env: Record<string, string>, capture?: string[]): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, DELIVERY_ENGINE: "embedded", WAYPOINT_LOCAL: "1", NODE_ENV: "production", ...env },
    stdio: ["ignore", capture ? "pipe" : "ignore", capture ? "pipe" : "inherit"],
    detached: true,
  });
  // Everything the app prints, for tests that read its logs.
  child.stdout?.on("data", (d: Buffer) => capture?.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => capture?.push(d.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${port}/login`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start on port ${port} did not come up`);
}

export function killHard(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs `jobs` with at most `width` in flight. */
export async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}
