import nextEnv from "@next/env";
import { migrate } from "@/lib/db/migrate";

nextEnv.loadEnvConfig(process.cwd());
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run dev` migrates its embedded database by itself; set DATABASE_URL to migrate a server.");
  process.exit(1);
}
const result = await migrate(url);
console.log(result.applied.length ? `Applied: ${result.applied.join(", ")}` : "Database is up to date.");
