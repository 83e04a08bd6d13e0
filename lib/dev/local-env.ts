import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Secrets a fresh checkout needs to start, generated once and kept under the git-ignored .data/.
export async function ensureDevSecrets(dataDir: string): Promise<{ AUTH_SECRET: string; SECRETS_ENCRYPTION_KEY: string }> {
  const file = path.join(dataDir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8"));
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fills in what local development needs, never overriding what the developer set. */
export function applyDefaults(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    if (!process.env[key]) process.env[key] = value;
  }
}
