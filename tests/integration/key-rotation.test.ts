import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { openWith } from "@/lib/crypto/keyring";
import { reencryptEndpointSecrets } from "@/lib/crypto/reencrypt";
import { activeSigningSecrets } from "@/lib/endpoints/secrets";
import { createEndpoint, createPartner } from "@/prisma/factories";

const OLD_KEY = "b2xkLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=";

describe("rotating SECRETS_ENCRYPTION_KEY", () => {
  it("opens secrets sealed with a previous key and re-seals them with the current one", async () => {
    const partner = await createPartner();
    const { endpoint, secret } = await createEndpoint({ partnerId: partner.id, url: "https://example.com/hook" });
    // As if this secret had been sealed before the rotation, with the old key.
    await db.endpointSecret.updateMany({ where: { endpointId: endpoint.id }, data: { encryptedSecret: encryptSecret(secret, OLD_KEY) } });
    const sealedWithOld = await db.endpointSecret.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(() => openWith(sealedWithOld.encryptedSecret, [process.env.SECRETS_ENCRYPTION_KEY!])).toThrow();

    // The env is read once at start; this is what setting SECRETS_ENCRYPTION_KEY_PREVIOUS does.
    const { env } = await import("@/lib/env");
    env.SECRETS_ENCRYPTION_KEY_PREVIOUS.push(OLD_KEY);
    expect(await activeSigningSecrets(endpoint.id)).toEqual([secret]);

    await reencryptEndpointSecrets();
    env.SECRETS_ENCRYPTION_KEY_PREVIOUS.length = 0;
    const resealed = await db.endpointSecret.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(openWith(resealed.encryptedSecret, [process.env.SECRETS_ENCRYPTION_KEY!])).toBe(secret);
    expect(await activeSigningSecrets(endpoint.id)).toEqual([secret]);
  });
});
