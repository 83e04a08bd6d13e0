import process from "node:process";

// `npm run db:seed`: demo data for an empty database (needs DATABASE_URL and the app's env).
// The demo users share a password printed in the README, so in production the seed refuses
// unless asked explicitly (a throwaway demo deployment). scripts/dev.ts seeds on its own: dev
// is never production.
const ALLOW_FLAG = "--allow-production-demo-data";
if (process.env.NODE_ENV === "production" && !process.argv.includes(ALLOW_FLAG)) {
  console.error(
    [
      "Refusing to seed demo data: NODE_ENV is production.",
      "The demo data has public passwords (every demo user's is in the README): anyone could sign in as support.",
      "Create the first support user with `npm run admin:create-support -- --email <email> --name \"<name>\"` instead.",
      `For a throwaway demo deployment, run it again with: npm run db:seed -- ${ALLOW_FLAG}`,
    ].join("\n"),
  );
  process.exit(1);
}

// Imported only after the check: importing the app's modules reads its env and opens the database.
const { db } = await import("@/lib/db/client");
const { DEMO_CREDENTIALS, seedIfEmpty } = await import("@/prisma/seed-data");
const seeded = await seedIfEmpty();
console.log(seeded ? `Seeded. Sign in with any of these, password "${DEMO_CREDENTIALS.password}":` : "Database already has partners; not seeding.");
if (seeded) for (const u of DEMO_CREDENTIALS.users) console.log(`  ${u.role.padEnd(15)} ${u.email}`);
await Promise.all([db.$disconnect(), (await import("@/lib/db/sql")).closeSqlPool()]);
