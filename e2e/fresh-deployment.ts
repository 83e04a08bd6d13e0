import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createDatabase, dropDatabase } from "../tests/support/database";

// A second `next start` of the same build on an empty, migrated database: what a logistics
// company has on its first day in production. Everything else (SMTP catcher, receiver, env)
// is what playwright.config.ts and scripts/e2e.ts already started and set.

export type FreshDeployment = { baseURL: string; databaseUrl: string; cli: (script: string, args: string[]) => { status: number; stdout: string; stderr: string }; stop: () => Promise<void> };

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export async function startFreshDeployment(port: number): Promise<FreshDeployment> {
  const database = await createDatabase("waypoint_e2e_fresh");
  const baseURL = `http://localhost:${port}`;
  const env = { ...process.env, DATABASE_URL: database.url, APP_URL: baseURL };
  // Own process group, so stopping it takes npx and the server it started.
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], { env, detached: true, stdio: "ignore" });
  await waitFor(`${baseURL}/login`, 120_000);
  return {
    baseURL,
    databaseUrl: database.url,
    cli: (script, args) => {
      const r = spawnSync("npx", ["tsx", "--conditions=react-server", script, ...args], { env, encoding: "utf8" });
      return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
    },
    stop: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      await dropDatabase(database.name);
    },
  };
}
