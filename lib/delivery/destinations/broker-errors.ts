// Broker and socket errors in words a partner can act on, per broker. Pure (no client, no
// environment), so every wording is unit-tested; the drivers call these on every failure.
import type { DeliveryResult } from "@/lib/delivery/destinations/types";

/** A broker or socket error in words a partner can act on. */
export function describeRabbitError(err: unknown, where: { host: string; port: number; vhost: string; user: string; exchange: string }): Pick<DeliveryResult, "errorClass" | "errorMessage"> {
  const e = err as NodeJS.ErrnoException & { code?: string | number };
  const text = e?.message ?? String(err);
  const code = String(e?.code ?? "");
  const at = `${where.host}:${where.port}`;
  const brokerText = /with message "(?:[A-Z_]+ - )?(.*)"$/.exec(text)?.[1];
  if (code === "ESSRF") return { errorClass: "ssrf_blocked", errorMessage: text };
  if (/Login was refused/i.test(text)) {
    return { errorClass: "broker_auth", errorMessage: `RabbitMQ at ${at} refused the login for user "${where.user}" (ACCESS_REFUSED): check the username and password saved for this destination` };
  }
  if (/ACCESS[-_]REFUSED/.test(text) || code === "403") {
    return { errorClass: "broker_auth", errorMessage: `Access refused for user "${where.user}" on RabbitMQ at ${at}: ${brokerText ?? text}. Grant the user write permission on exchange "${where.exchange}" in virtual host "${where.vhost}"` };
  }
  if (/Expected ConnectionOpenOk; got <ConnectionClose/.test(text) || /NOT_ALLOWED|NOT-ALLOWED/.test(text)) {
    return { errorClass: "broker_not_found", errorMessage: `RabbitMQ at ${at} would not open virtual host "${where.vhost}" for user "${where.user}": it does not exist, or the user has no permissions on it` };
  }
  if (/NOT[-_]FOUND/.test(text) || code === "404") {
    const exchange = /no exchange '([^']*)'/.exec(text)?.[1] ?? where.exchange;
    return { errorClass: "broker_not_found", errorMessage: `Exchange "${exchange}" not found in virtual host "${where.vhost}" on RabbitMQ at ${at}: declare it (durable) or fix the exchange name` };
  }
  if (code === "ECONNREFUSED") return { errorClass: "connection_refused", errorMessage: `Connection refused by ${at}; is RabbitMQ running and reachable there?` };
  if (code === "ECONNRESET" || code === "EPIPE") return { errorClass: "network", errorMessage: `RabbitMQ at ${at} dropped the connection (${code})` };
  if (/ETIMEDOUT/.test(text) || code === "ETIMEDOUT") return { errorClass: "timeout", errorMessage: `Connecting to RabbitMQ at ${at} timed out` };
  if (/ENOTFOUND|EAI_AGAIN/.test(code)) return { errorClass: "dns", errorMessage: `Could not resolve ${where.host} (${code})` };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO/.test(code)) return { errorClass: "tls", errorMessage: `TLS handshake with ${at} failed: ${text}` };
  if (/Connection closed|Channel closed|channel closed|IllegalOperation/i.test(text)) {
    return { errorClass: "broker_error", errorMessage: `RabbitMQ at ${at} closed the ${/onnection/.test(text) ? "connection" : "channel"} before confirming (${brokerText ?? text}); the message is sent again` };
  }
  return { errorClass: "broker_error", errorMessage: `RabbitMQ at ${at}: ${brokerText ?? text}` };
}

export type NatsWhere = { host: string; port: number; subject: string; user: string | null };

/** A NATS or socket error in words a partner can act on. */
export function describeNatsError(err: unknown, where: NatsWhere): Pick<DeliveryResult, "errorClass" | "errorMessage"> {
  const e = err as { code?: string; message?: string; api_error?: { description?: string; err_code?: number } };
  const code = String(e?.code ?? "");
  const text = e?.message ?? String(err);
  const at = `${where.host}:${where.port}`;
  const who = where.user ? ` for user "${where.user}"` : "";
  if (code === "ESSRF") return { errorClass: "ssrf_blocked", errorMessage: text };
  if (code === "ENOTFOUND") return { errorClass: "dns", errorMessage: text };
  if (code === "503") {
    return { errorClass: "broker_not_found", errorMessage: `No JetStream stream for subject "${where.subject}" on NATS at ${at}: add a stream whose subjects include it (e.g. nats stream add WAYPOINT --subjects "waypoint.>")` };
  }
  if (code === "AUTHORIZATION_VIOLATION" || /authorization violation/i.test(text)) {
    return { errorClass: "broker_auth", errorMessage: `NATS at ${at} refused the credentials${who} (authorization violation): check the credentials saved for this destination` };
  }
  if (code === "AUTHENTICATION_EXPIRED" || code === "AUTHENTICATION_TIMEOUT") return { errorClass: "broker_auth", errorMessage: `NATS at ${at} rejected the credentials${who}: ${text}` };
  if (code === "PERMISSIONS_VIOLATION" || /permissions violation/i.test(text)) {
    return { errorClass: "broker_auth", errorMessage: `Access refused${who} on NATS at ${at}: it may not publish to "${where.subject}" (${text})` };
  }
  if (code === "CONNECTION_REFUSED" || code === "ECONNREFUSED") return { errorClass: "connection_refused", errorMessage: `Connection refused by ${at}; is NATS running and reachable there?` };
  if (code === "TIMEOUT") return { errorClass: "broker_timeout", errorMessage: `NATS at ${at} did not acknowledge within the timeout; the message is sent again with the same Nats-Msg-Id` };
  if (code === "CONNECTION_TIMEOUT") return { errorClass: "timeout", errorMessage: `Connecting to NATS at ${at} timed out` };
  if (code === "TLS" || /CERT|SSL|TLS/.test(code)) return { errorClass: "tls", errorMessage: `TLS with NATS at ${at} failed: ${text}` };
  if (code === "CONNECTION_CLOSED" || code === "CONNECTION_DRAINING" || code === "DISCONNECT") {
    return { errorClass: "network", errorMessage: `The connection to NATS at ${at} closed before the acknowledgement; the message is sent again` };
  }
  const api = e?.api_error?.description;
  return { errorClass: "broker_error", errorMessage: `NATS at ${at}: ${api ?? text}` };
}

