import "server-only";
import { parseEnv } from "@/lib/env-schema";

// Validated once, on first import; a bad variable stops start-up with its name in the message.
export const env = parseEnv(process.env);
export type { Env } from "@/lib/env-schema";
