import { afterAll, inject } from "vitest";

// Runs before each integration test file is imported, so lib/env.ts sees a complete environment.
Object.assign(process.env, {
  DATABASE_URL: inject("databaseUrl"),
  AUTH_SECRET: "integration-tests-auth-secret-0123456789abcdef",
  SECRETS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
  APP_URL: "http://localhost:3000",
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1,localhost",
  WEBHOOK_REQUIRE_HTTPS: "0",
  DELIVERY_ENGINE: "off",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
});

// Close this file's database pool and HTTP keep-alive sockets so the worker can exit.
afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  const { closeSqlPool } = await import("@/lib/db/sql");
  // Bounded: after a database restart a dead pooled connection must not hold the run open.
  await Promise.race([Promise.all([db.$disconnect(), closeSqlPool()]), new Promise((r) => setTimeout(r, 5_000))]);
});
