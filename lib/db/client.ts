// lib/db owns database access: the Prisma client, plain SQL for hot paths (sql.ts), migrations, dev databases.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { env } from "@/lib/env";

// One client per process; Next dev reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { waypointDb?: PrismaClient };

function createClient() {
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: 20 });
  return new PrismaClient({ adapter });
}

export const db = globalForDb.waypointDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.waypointDb = db;

export type Db = typeof db;
