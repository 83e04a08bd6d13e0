import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// `npm run db:migration:create -- <name>`: writes the SQL from the last migrated schema
// (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma as a new migration.
// Offline-safe: `prisma migrate diff` between two schema files needs no database engine.
const name = process.argv[2]?.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration:create -- <name>");
  process.exit(1);
}
const dir = path.join("prisma", "migrations");
const snapshot = path.join(dir, "schema.snapshot.prisma");
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres", PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null", ...process.env }, encoding: "utf8" },
);
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("prisma/schema.prisma has no changes since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target);
writeFileSync(path.join(target, "migration.sql"), sql);
copyFileSync("prisma/schema.prisma", snapshot);
console.log(`Created ${target}/migration.sql. Apply it with \`npm run db:migrate\`.`);
