import { describe, expect, it } from "vitest";
import { bannerLines } from "./banner";
import { DEMO_ACCOUNTS } from "./demo-accounts";

describe("npm run dev banner", () => {
  const base = { appUrl: "http://localhost:3000", database: "embedded PostgreSQL", seconds: 12 };

  it("lists every URL, every demo endpoint and every demo sign-in", () => {
    const text = bannerLines({ ...base, receiverUrl: "http://127.0.0.1:4010", mailUrl: "http://127.0.0.1:2580", traffic: { intervalMs: 4000 } }).join("\n");
    for (const expected of ["http://localhost:3000", "http://127.0.0.1:4010/__receiver/requests", "http://127.0.0.1:4010/__receiver/modes", "http://127.0.0.1:2580", "every 4 s", "/demo/sportsline/crm", "waypoint-demo"]) {
      expect(text).toContain(expected);
    }
    for (const account of DEMO_ACCOUNTS) expect(text).toContain(account.email);
  });

  it("says which parts are off and how they were switched off", () => {
    const text = bannerLines({ ...base, receiverUrl: null, mailUrl: null, traffic: null }).join("\n");
    expect(text).toContain("DEMO_RECEIVER=0");
    expect(text).toContain("DEMO_MAILBOX=0");
    expect(text).toContain("DEMO_TRAFFIC=0");
    expect(text).not.toContain("/demo/sportsline/crm");
  });

  it("says why nothing of the demo started outside development", () => {
    const text = bannerLines({ ...base, receiverUrl: null, mailUrl: null, traffic: null, refused: "NODE_ENV is production" }).join("\n");
    expect(text).toContain("not started: NODE_ENV is production");
  });
});
