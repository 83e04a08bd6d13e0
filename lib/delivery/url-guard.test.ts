import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { addressBlockReason, assertEndpointUrl, guardedLookup, isPublicAddress } from "./url-guard";

const dev = { allowHosts: [] as string[], requireHttps: false };

describe("assertEndpointUrl", () => {
  it.each([
    ["http://127.0.0.1/hook", /127\.0\.0\.1 is a loopback address; webhooks cannot target private networks/],
    ["http://localhost:4010/hook", /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ["http://10.0.0.1/", /a private address/],
    ["http://192.168.1.1/", /a private address/],
    ["http://172.16.5.4/", /a private address/],
    ["http://169.254.169.254/latest/meta-data", /169\.254\.169\.254 is a link-local\/cloud metadata address/],
    ["http://metadata.google.internal/", /cloud metadata/],
    ["http://[::1]/", /::1 is a loopback address/],
    ["http://[fd00::1]/", /unique-local/],
    ["http://[fe80::1]/", /link-local/],
    ["http://[::ffff:10.0.0.1]/", /a private address/],
    ["http://0.0.0.0/", /unspecified/],
    ["http://100.64.0.1/", /carrier-grade NAT/],
    ["http://224.0.0.1/", /multicast/],
    ["http://2130706433/", /127\.0\.0\.1 is a loopback/], // decimal IPv4 is normalised by URL
    ["ftp://8.8.8.8/", /http or https/],
    ["https://user:pw@8.8.8.8/", /username or password/],
    ["not a url", /Not a valid URL/],
  ])("refuses %s", async (url, reason) => {
    const result = await assertEndpointUrl(url, dev);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("accepts a public IP literal without DNS", async () => {
    const result = await assertEndpointUrl("https://8.8.8.8/hooks", { allowHosts: [], requireHttps: true });
    expect(result).toMatchObject({ ok: true, addresses: ["8.8.8.8"] });
  });

  it("requires HTTPS when asked, even for public addresses", async () => {
    expect(await assertEndpointUrl("http://8.8.8.8/", { allowHosts: [], requireHttps: true })).toEqual({ ok: false, reason: "URL must use HTTPS" });
  });

  it("lets allow-listed hosts through (case-insensitive, IPv6 with or without brackets)", async () => {
    expect((await assertEndpointUrl("http://127.0.0.1:4010/a", { ...dev, allowHosts: ["127.0.0.1"] })).ok).toBe(true);
    expect((await assertEndpointUrl("http://LocalHost:4010/a", { ...dev, allowHosts: ["localhost"] })).ok).toBe(true);
    expect((await assertEndpointUrl("http://[::1]/a", { ...dev, allowHosts: ["::1"] })).ok).toBe(true);
    expect((await assertEndpointUrl("http://10.0.0.1/a", { ...dev, allowHosts: ["127.0.0.1"] })).ok).toBe(false);
  });

  it("checks every resolved address of a hostname", async () => {
    const resolve = async (host: string) => (host === "partner.example" ? ["93.184.216.34"] : ["93.184.216.34", "10.1.2.3"]);
    expect(await assertEndpointUrl("https://partner.example/h", { ...dev, resolve })).toMatchObject({ ok: true, addresses: ["93.184.216.34"] });
    const mixed = await assertEndpointUrl("https://mixed.example/h", { ...dev, resolve });
    expect(mixed).toEqual({ ok: false, reason: expect.stringMatching(/mixed\.example resolves to 10\.1\.2\.3, a private address/) });
  });

  it("reports DNS failures as a reason, not an exception", async () => {
    const resolve = async () => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    expect(await assertEndpointUrl("https://nx.example/", { ...dev, resolve })).toEqual({
      ok: false,
      reason: "nx.example could not be resolved (ENOTFOUND); check the host name",
    });
  });
});

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["2606:4700:4700::1111", true],
    ["127.0.0.1", false],
    ["10.0.0.1", false],
    ["::1", false],
    ["::", false],
    ["::ffff:192.168.0.1", false],
    ["255.255.255.255", false],
    ["198.51.100.1", false],
    ["100.100.100.200", false],
    ["garbage", false],
  ])("%s → %s", (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });

  it("names the metadata address", () => {
    expect(addressBlockReason("169.254.169.254")).toBe("a link-local/cloud metadata address");
  });
});

describe("guardedLookup", () => {
  const fakeDns = (map: Record<string, string>) => async (host: string): Promise<LookupAddress[]> => {
    const address = map[host];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return [{ address, family: address.includes(":") ? 6 : 4 }];
  };
  const call = (lookup: ReturnType<typeof guardedLookup>, host: string, all = false) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      lookup(host, { all }, (err, address, family) => resolve({ err, address, family })),
    );

  it("passes public addresses through in both callback shapes", async () => {
    const lookup = guardedLookup([], fakeDns({ "ok.example": "93.184.216.34" }));
    expect(await call(lookup, "ok.example")).toEqual({ err: null, address: "93.184.216.34", family: 4 });
    expect((await call(lookup, "ok.example", true)).address).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("errors with ESSRF when a name rebinds to a private address", async () => {
    const lookup = guardedLookup([], fakeDns({ "rebind.example": "10.0.0.7" }));
    const { err } = await call(lookup, "rebind.example");
    expect(err?.code).toBe("ESSRF");
    expect(err?.message).toMatch(/rebind\.example resolves to 10\.0\.0\.7, a private address/);
  });

  it("allows allow-listed hosts and resolves localhost for real", async () => {
    const { err, address } = await call(guardedLookup(["localhost"]), "localhost");
    expect(err).toBeNull();
    expect(["127.0.0.1", "::1"]).toContain(address);
    expect((await call(guardedLookup([]), "localhost")).err?.code).toBe("ESSRF");
  });

  it("passes DNS errors through unchanged", async () => {
    expect((await call(guardedLookup([], fakeDns({})), "nx.example")).err?.code).toBe("ENOTFOUND");
  });
});
