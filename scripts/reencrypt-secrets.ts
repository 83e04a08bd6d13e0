import { reencryptEndpointSecrets, reencryptOrderSourceSecrets } from "@/lib/crypto/reencrypt";
import { db } from "@/lib/db/client";

// `npm run secrets:reencrypt`: step 3 of rotating SECRETS_ENCRYPTION_KEY (see README).
const { total } = await reencryptEndpointSecrets();
console.log(`Re-encrypted ${total} endpoint signing secret(s) with the current key.`);
const sources = await reencryptOrderSourceSecrets();
console.log(`Re-encrypted the verification secrets of ${sources.total} order source(s) with the current key.`);
await db.$disconnect();
