import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 6.19 with the JS engine: `prisma generate` and `prisma migrate diff` run offline.
// Migrations are applied by scripts/migrate.ts (see docs/decisions/0001-prisma-migrations.md).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/postgres" });
  },
});
