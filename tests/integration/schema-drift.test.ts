import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "../support/database";
import { describeCatalog, execSql, schemaSql } from "../support/catalog";

// prisma/schema.prisma is the source of truth. The database built by applying every migration
// must be identical to the one Prisma would build straight from the schema.
describe("schema drift", () => {
  const created: string[] = [];
  let fromSchema: { name: string; url: string };
  let fromMigrations: { name: string; url: string };

  beforeAll(async () => {
    fromSchema = await createDatabase("waypoint_drift_schema", { migrate: false });
    fromMigrations = await createDatabase("waypoint_drift_migrations");
    created.push(fromSchema.name, fromMigrations.name);
    await execSql(fromSchema.url, await schemaSql());
  });
  afterAll(async () => {
    for (const name of created) await dropDatabase(name);
  });

  it("the migrated database matches prisma/schema.prisma: every model, column, nullability and index", async () => {
    const expected = await describeCatalog(fromSchema.url);
    const actual = await describeCatalog(fromMigrations.url);
    expect(expected.length).toBeGreaterThan(100);
    const missing = expected.filter((line) => !actual.includes(line));
    const extra = actual.filter((line) => !expected.includes(line));
    expect({ missingFromMigrations: missing, notInSchema: extra }).toEqual({ missingFromMigrations: [], notInSchema: [] });
  });

  it("notices a column that exists on one side only", async () => {
    const probe = await createDatabase("waypoint_drift_probe");
    created.push(probe.name);
    await execSql(probe.url, `ALTER TABLE "Order" ADD COLUMN "giftMessage" TEXT`);
    const expected = await describeCatalog(fromMigrations.url);
    const actual = await describeCatalog(probe.url);
    expect(actual.filter((line) => !expected.includes(line))).toEqual([
      expect.stringContaining('column Order.giftMessage text null=YES'),
    ]);
  });
});
