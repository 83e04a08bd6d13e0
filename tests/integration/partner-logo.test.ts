import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { GET as trackingRoute } from "@/app/api/t/[token]/route";
import { GET as logoRoute } from "@/app/logos/[logoId]/route";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { removePartnerLogo } from "@/app/(dashboard)/tracking/_actions/remove-partner-logo";
import { uploadPartnerLogo } from "@/app/(dashboard)/tracking/_actions/upload-partner-logo";
import { db } from "@/lib/db/client";
import { LOGO_MAX_BYTES } from "@/lib/partners/logo-rules";
import { createIngestKey, createPartner, createUser } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { SCRIPTED_SVG, TINY_PNG } from "../support/images";

// A partner admin uploads the tracking page's logo through the real server action (signed in
// through a stand-in for next-auth, as in the isolation test); it is refused unless its bytes
// are PNG, JPEG or WebP within 200 KB, and served only as an image with safe headers.

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => (session.user ? { user: session.user } : null), signIn: async () => undefined, signOut: async () => undefined, handlers: {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => undefined }), headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let partnerId: string;
let admin: SessionUser;
let member: SessionUser;
let trackingToken: string;

const asUser = (u: Awaited<ReturnType<typeof createUser>>): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId, sessionVersion: u.sessionVersion });
const file = (bytes: Uint8Array, name: string, type: string) => {
  const form = new FormData();
  form.set("logo", new File([Buffer.from(bytes)], name, { type }));
  return form;
};
async function upload(form: FormData, user = admin) {
  session.user = user;
  try {
    return await uploadPartnerLogo(form);
  } finally {
    session.user = null;
  }
}
const written = async () => ({ logos: await db.partnerLogo.count({ where: { partnerId } }), audit: await db.auditLog.count({ where: { partnerId, action: { startsWith: "tracking_logo." } } }) });
const raw = async (logoId: string) => {
  const res = await logoRoute(new Request(`http://localhost/logos/${logoId}`), { params: Promise.resolve({ logoId }) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};
const track = async () => (await callRoute(trackingRoute, { method: "GET", path: `/api/t/${trackingToken}`, params: { token: trackingToken } })).json;

beforeAll(async () => {
  partnerId = (await createPartner({ name: "Logo Co" })).id;
  await db.partner.update({ where: { id: partnerId }, data: { trackingEnabled: true } });
  admin = asUser(await createUser({ role: "partner_admin", partnerId, email: `logo-admin-${Date.now()}@example.test`, password: "irrelevant" }));
  member = asUser(await createUser({ role: "partner_member", partnerId, email: `logo-member-${Date.now()}@example.test`, password: "irrelevant" }));
  const key = (await createIngestKey(partnerId)).key;
  const created = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `LOGO-${Date.now()}`, customer_id: "c1", customer_name: "Diya", customer_phone: "+919812345678" } });
  trackingToken = (await db.order.findUniqueOrThrow({ where: { id: created.json.order_id } })).trackingToken;
});

describe("partner logo upload", () => {
  it.each([
    ["a text file named logo.png", file(new TextEncoder().encode("definitely not an image"), "logo.png", "image/png"), /not a PNG, JPEG or WebP image/],
    ["a GIF claiming to be a PNG", file(new Uint8Array([...Buffer.from("GIF89a"), 1, 0, 1, 0, 0, 0, 0]), "logo.png", "image/png"), /not a PNG, JPEG or WebP image/],
    ["an SVG with a script", file(SCRIPTED_SVG, "logo.svg", "image/svg+xml"), /SVG logos are not accepted, because an SVG file can carry scripts/],
    ["an SVG renamed to .png", file(SCRIPTED_SVG, "logo.png", "image/png"), /SVG logos are not accepted/],
    ["a PNG over 200 KB", file(Buffer.concat([TINY_PNG, Buffer.alloc(LOGO_MAX_BYTES)]), "big.png", "image/png"), /is 201 KB; the limit is 200 KB/],
    ["an empty file", file(new Uint8Array(), "logo.png", "image/png"), /empty/],
  ])("refuses %s with a clear message and writes nothing", async (_what, form, message) => {
    const before = await written();
    const result = await upload(form);
    expect(result).toMatchObject({ ok: false, code: "validation_failed", error: expect.stringMatching(message) });
    expect(await written()).toEqual(before);
  });

  it("refuses a form without a file, and a partner member", async () => {
    expect(await upload(new FormData())).toMatchObject({ ok: false, code: "validation_failed", error: "Choose an image file to upload." });
    expect(await upload(file(TINY_PNG, "logo.png", "image/png"), member)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await written()).toEqual({ logos: 0, audit: 0 });
  });

  it("stores a PNG, serves it as an image with the safe headers, and shows it on the tracking page", async () => {
    expect((await track()).merchant_logo_url).toBeNull();
    const result = await upload(file(TINY_PNG, "brand.png", "image/png"));
    if (!result.ok) throw new Error(result.error);
    expect(result.data).toMatchObject({ url: expect.stringMatching(/^\/logos\/logo_[\w-]{22}$/), contentType: "image/png", byteSize: TINY_PNG.length });
    expect(await written()).toEqual({ logos: 1, audit: 1 });
    const logoId = result.data.url.split("/").pop()!;

    const res = await raw(logoId);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(TINY_PNG)).toBe(true);
    expect(Object.fromEntries(["content-type", "x-content-type-options", "content-security-policy", "cache-control", "content-disposition"].map((h) => [h, res.headers.get(h)]))).toEqual({
      "content-type": "image/png",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "public, max-age=31536000, immutable",
      "content-disposition": 'inline; filename="logo.png"',
    });
    expect((await track()).merchant_logo_url).toBe(result.data.url);
  });

  it("stores the type the bytes say, not the one the browser claims; a new upload is a new URL and the old one is gone", async () => {
    const before = (await track()).merchant_logo_url as string;
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF"), Buffer.alloc(32)]);
    const result = await upload(file(jpeg, "photo.png", "image/png"));
    if (!result.ok) throw new Error(result.error);
    expect(result.data.contentType).toBe("image/jpeg");
    expect(result.data.url).not.toBe(before);
    expect((await raw(result.data.url.split("/").pop()!)).headers.get("content-type")).toBe("image/jpeg");
    expect((await raw(before.split("/").pop()!)).status).toBe(404);
    expect(await db.partnerLogo.count({ where: { partnerId } })).toBe(1);
  });

  it("removes the logo: its URL answers 404 and the tracking page shows the name alone", async () => {
    const url = (await track()).merchant_logo_url as string;
    session.user = admin;
    const result = await removePartnerLogo().finally(() => (session.user = null));
    expect(result).toEqual({ ok: true, data: { removed: true } });
    const gone = await raw(url.split("/").pop()!);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await track()).merchant_logo_url).toBeNull();
  });

  it("answers 404 for ids that are not a stored logo's, without a query for malformed ones", async () => {
    for (const id of ["logo_AAAAAAAAAAAAAAAAAAAAAA", "nope", "..%2F..%2Fetc", "logo_" + "x".repeat(200)]) expect((await raw(id)).status, id).toBe(404);
  });
});
