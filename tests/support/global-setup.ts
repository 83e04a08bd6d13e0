import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase } from "./database";

// Integration tests run against a fresh, migrated database on the real PostgreSQL server.
export default async function setup(project: TestProject) {
  const { name, url } = await createDatabase("waypoint_it");
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;
  return async () => {
    await dropDatabase(name);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
