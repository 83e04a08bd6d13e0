// For bench/onboarding.ts: what support does before the journey starts (create a partner and
// invite its first admin), through the product's own code, so the invite goes out over SMTP.
//   npx tsx --conditions=react-server bench/lib/create-invited-partner.ts <admin email>
import { createPartner } from "@/lib/partners/create-partner";
import { db } from "@/lib/db/client";

const email = process.argv[2];
if (!email) throw new Error("usage: create-invited-partner.ts <admin email>");
const partner = await createPartner({ name: "Fresh Basket", tier: "growth", adminEmail: email }, { id: null, email: "bench-support@waypoint.test" });
console.log(JSON.stringify(partner));
await db.$disconnect();
