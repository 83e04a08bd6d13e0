import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const PASSWORD = "waypoint-demo";
export const USERS = {
  support: "support@waypoint.test",
  smbAdmin: "owner@kettleandcrumb.test",
  growthAdmin: "lead@urbankart.test",
  growthMember: "dev@urbankart.test",
  enterpriseAdmin: "integrations@sportsline.test",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/overview$/);
}

/** Reads the e2e database directly: tests look up ids the way a person would copy them. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function orderOf(partnerName: string) {
  const [row] = await query<{ id: string }>(
    `SELECT o.id FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId" WHERE p.name = $1 ORDER BY o.id LIMIT 1`,
    [partnerName],
  );
  return row!.id;
}

/** The local receiver started by playwright.config.ts (RECEIVER_PORT, default 4010). */
export const RECEIVER_URL = `http://127.0.0.1:${process.env.RECEIVER_PORT ?? 4010}`;

/** Creates test data through e2e/fixtures/cli.ts (the seed's factories, the app's env). */
export function fixture<T = Record<string, string>>(command: string, args: Record<string, unknown> = {}): T {
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/fixtures/cli.ts", command, JSON.stringify(args)], {
    env: process.env,
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

/** Posts to the machine API with an ingest key, as the OMS would. */
export async function ingest(baseURL: string, key: string, path: string, body: unknown) {
  const res = await fetch(new URL(path, baseURL), {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
