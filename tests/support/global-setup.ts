import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase } from "./database";
import { ensureTestPostgres } from "./test-postgres";

// Integration tests run against a fresh, migrated database on a real PostgreSQL server: the
// configured one, or an embedded one started here when none answers (tests/support/test-postgres.ts).
export default async function setup(project: TestProject) {
  const server = await ensureTestPostgres();
  const { name, url } = await createDatabase("waypoint_it");
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;
  return async () => {
    await dropDatabase(name);
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
