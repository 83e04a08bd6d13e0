import { describe, expect, it } from "vitest";
import { describeNatsError, describeRabbitError } from "./broker-errors";

const rabbit = { host: "broker.example", port: 5671, vhost: "orders", user: "erp", exchange: "waypoint" };
const nats = { host: "nats.example", port: 4222, subject: "waypoint.delivered", user: "erp" };

describe("broker errors in words a partner can act on", () => {
  it("RabbitMQ", () => {
    const cases: [unknown, string, string][] = [
      [new Error('Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile."'), "broker_auth", 'RabbitMQ at broker.example:5671 refused the login for user "erp" (ACCESS_REFUSED): check the username and password saved for this destination'],
      [Object.assign(new Error(`Channel closed by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - write access to exchange 'waypoint' in vhost 'orders' refused for user 'erp'"`), { code: 403 }), "broker_auth", `Access refused for user "erp" on RabbitMQ at broker.example:5671: write access to exchange 'waypoint' in vhost 'orders' refused for user 'erp'. Grant the user write permission on exchange "waypoint" in virtual host "orders"`],
      [new Error("Expected ConnectionOpenOk; got <ConnectionClose channel:0>"), "broker_not_found", 'RabbitMQ at broker.example:5671 would not open virtual host "orders" for user "erp": it does not exist, or the user has no permissions on it'],
      [Object.assign(new Error(`Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no exchange 'waypoint' in vhost 'orders'"`), { code: 404 }), "broker_not_found", 'Exchange "waypoint" not found in virtual host "orders" on RabbitMQ at broker.example:5671: declare it (durable) or fix the exchange name'],
      [Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "connection_refused", "Connection refused by broker.example:5671; is RabbitMQ running and reachable there?"],
    ];
    for (const [err, errorClass, errorMessage] of cases) expect(describeRabbitError(err, rabbit)).toEqual({ errorClass, errorMessage });
  });

  it("NATS", () => {
    expect(describeNatsError(Object.assign(new Error("503"), { code: "503" }), nats)).toEqual({
      errorClass: "broker_not_found",
      errorMessage: 'No JetStream stream for subject "waypoint.delivered" on NATS at nats.example:4222: add a stream whose subjects include it (e.g. nats stream add WAYPOINT --subjects "waypoint.>")',
    });
    expect(describeNatsError(Object.assign(new Error("AUTHORIZATION_VIOLATION"), { code: "AUTHORIZATION_VIOLATION" }), nats).errorClass).toBe("broker_auth");
    expect(describeNatsError(Object.assign(new Error("TIMEOUT"), { code: "TIMEOUT" }), nats).errorClass).toBe("broker_timeout");
    expect(describeNatsError(Object.assign(new Error("x"), { code: "CONNECTION_REFUSED" }), nats).errorMessage).toBe("Connection refused by nats.example:4222; is NATS running and reachable there?");
  });
});
