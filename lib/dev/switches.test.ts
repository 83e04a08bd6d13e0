import { describe, expect, it } from "vitest";
import { demoSwitches } from "./switches";

describe("demo world switches", () => {
  it("starts everything in development by default, on the documented ports", () => {
    expect(demoSwitches({})).toEqual({
      refused: null,
      receiver: { port: 4010 },
      mailbox: { smtpPort: 2525, httpPort: 2580 },
      traffic: { intervalMs: 4000 },
    });
  });

  it("starts nothing in production, whatever the switches say", () => {
    const s = demoSwitches({ NODE_ENV: "production", DEMO: "1", DEMO_RECEIVER: "1", DEMO_MAILBOX: "1", DEMO_TRAFFIC: "1" });
    expect([s.receiver, s.mailbox, s.traffic]).toEqual([null, null, null]);
    expect(s.refused).toMatch(/development only/);
  });

  it("switches each part off on its own, or all with DEMO=0", () => {
    expect(demoSwitches({ DEMO_RECEIVER: "0" }).receiver).toBeNull();
    expect(demoSwitches({ DEMO_MAILBOX: "0" }).mailbox).toBeNull();
    expect(demoSwitches({ DEMO_TRAFFIC: "false" }).traffic).toBeNull();
    const none = demoSwitches({ DEMO: "0" });
    expect([none.receiver, none.mailbox, none.traffic, none.refused]).toEqual([null, null, null, null]);
  });

  it("leaves mail alone when the developer has an SMTP server of their own", () => {
    expect(demoSwitches({ SMTP_URL: "smtp://mail.example.com:587" }).mailbox).toBeNull();
  });

  it("takes ports and the traffic pace from the environment, refusing nonsense with the name", () => {
    expect(demoSwitches({ DEMO_RECEIVER_PORT: "4500", DEMO_TRAFFIC_INTERVAL_MS: "1000" })).toMatchObject({ receiver: { port: 4500 }, traffic: { intervalMs: 1000 } });
    expect(() => demoSwitches({ DEMO_RECEIVER_PORT: "abc" })).toThrow(/DEMO_RECEIVER_PORT/);
    expect(() => demoSwitches({ DEMO_TRAFFIC_INTERVAL_MS: "5" })).toThrow(/DEMO_TRAFFIC_INTERVAL_MS/);
  });
});
