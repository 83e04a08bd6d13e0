import { DEMO_CREDENTIALS, seedIfEmpty } from "@/prisma/seed-data";
import { db } from "@/lib/db/client";

// `npm run db:seed`: demo data for an empty database (needs DATABASE_URL and the app's env).
const seeded = await seedIfEmpty();
console.log(seeded ? `Seeded. Sign in with any of these, password "${DEMO_CREDENTIALS.password}":` : "Database already has partners; not seeding.");
if (seeded) for (const u of DEMO_CREDENTIALS.users) console.log(`  ${u.role.padEnd(15)} ${u.email}`);
await db.$disconnect();
