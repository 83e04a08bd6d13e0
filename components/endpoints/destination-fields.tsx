"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import {
  DEFAULT_ROUTING_KEY,
  DEFAULT_SUBJECT,
  DESTINATION_LABELS,
  DESTINATION_TYPES,
  EVENT_TYPE_PLACEHOLDER,
  URL_EXAMPLES,
  type BrokerCredentials,
  type CredentialsSummary,
  type DestinationType,
} from "@/lib/delivery/destinations/config";
import { FieldError } from "./field-error";

// The destination part of the endpoint form: HTTP (a URL) or a broker (its URL, where to publish,
// and write-only credentials). Browser-safe: the rules are lib/delivery/destinations/config.ts's.

export type CredentialKind = "none" | "password" | "token" | "creds";

export type DestinationState = {
  type: DestinationType;
  exchange: string;
  routingKey: string;
  subject: string;
  credentialKind: CredentialKind;
  username: string;
  password: string;
  token: string;
  creds: string;
};

export function initialDestination(type: DestinationType, settings: { exchange?: string; routingKey?: string; subject?: string } | null, stored: CredentialsSummary): DestinationState {
  return {
    type,
    exchange: settings?.exchange ?? "",
    routingKey: settings?.routingKey ?? DEFAULT_ROUTING_KEY,
    subject: settings?.subject ?? DEFAULT_SUBJECT,
    credentialKind: stored?.kind ?? (type === "rabbitmq" ? "password" : "none"),
    username: stored?.kind === "password" ? stored.username : "",
    password: "",
    token: "",
    creds: "",
  };
}

/**
 * What the form sends: the settings of the chosen type, and credentials only when typed (an
 * edit that leaves them empty keeps the stored ones; NATS "none" over stored ones removes them).
 */
export function destinationValues(d: DestinationState, stored: CredentialsSummary) {
  if (d.type === "http") return { destinationType: d.type, destination: null, ...(stored ? { credentials: null } : {}) };
  const destination = d.type === "rabbitmq" ? { exchange: d.exchange, routingKey: d.routingKey } : { subject: d.subject };
  let credentials: BrokerCredentials | null | undefined;
  const kind = d.type === "rabbitmq" ? "password" : d.credentialKind;
  if (kind === "password" && (d.password !== "" || d.username !== (stored?.kind === "password" ? stored.username : ""))) credentials = { username: d.username, password: d.password };
  else if (kind === "token" && d.token) credentials = { token: d.token };
  else if (kind === "creds" && d.creds) credentials = { creds: d.creds };
  else if (kind === "none" && stored) credentials = null;
  return { destinationType: d.type, destination, ...(credentials !== undefined ? { credentials } : {}) };
}

type Errors = Partial<Record<"destinationType" | "exchange" | "routingKey" | "subject" | "credentials", string>>;

const TYPE_HINTS: Record<DestinationType, string> = {
  http: "A signed POST to your HTTPS URL.",
  rabbitmq: "Published to your exchange over AMQP 0-9-1, persistent, with publisher confirms.",
  nats: "Published to your JetStream subject; the event id is the Nats-Msg-Id for de-duplication.",
};

export function DestinationTypeFieldset({ value, onChange }: { value: DestinationType; onChange: (t: DestinationType) => void }) {
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-3 text-sm font-medium">Destination</legend>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {DESTINATION_TYPES.map((type) => (
          <label key={type} htmlFor={`destinationType-${type}`} className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary">
            <input
              type="radio"
              id={`destinationType-${type}`}
              name="destinationType"
              value={type}
              checked={value === type}
              onChange={() => onChange(type)}
              className="mt-0.5 size-4 accent-primary"
              aria-describedby={`destinationType-${type}-hint`}
            />
            <span className="grid gap-1">
              <span className="text-sm font-medium">{DESTINATION_LABELS[type]}</span>
              <span id={`destinationType-${type}-hint`} className="text-xs text-muted-foreground">
                {TYPE_HINTS[type]}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const urlLabel = (type: DestinationType) => (type === "http" ? "Endpoint URL" : `${DESTINATION_LABELS[type]} URL`);
export const urlPlaceholder = (type: DestinationType) => URL_EXAMPLES[type];
export const urlHelp = (type: DestinationType) =>
  type === "http"
    ? "HTTPS in production. Private, loopback and cloud-metadata addresses are refused, here and again at every send."
    : `${type === "rabbitmq" ? "amqps:// (TLS) or amqp://, with the virtual host as the path" : "tls:// or nats://"}. The same private-address rules as webhook URLs apply, here and at every connect. Credentials go in the fields below, not in the URL.`;

/** Where to publish and how to log in, for a broker destination. */
export function BrokerFields({ value, onChange, errors, stored }: { value: DestinationState; onChange: (d: DestinationState) => void; errors: Errors; stored: CredentialsSummary }) {
  const set = (patch: Partial<DestinationState>) => onChange({ ...value, ...patch });
  const placeholderHelp = `${EVENT_TYPE_PLACEHOLDER} becomes the event's type (order_confirmed, delivered, …); leave it out for one fixed`;
  const keepNote = stored ? " Leave empty to keep the stored one." : "";
  if (value.type === "http") return null;
  return (
    <div className="grid gap-6 rounded-md border p-4" data-testid="broker-fields">
      {value.type === "rabbitmq" ? (
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
          <div className="grid content-start gap-2">
            <Label htmlFor="exchange">Exchange</Label>
            <Input id="exchange" name="exchange" placeholder="waypoint.orders" value={value.exchange} onChange={(e) => set({ exchange: e.target.value })} aria-invalid={errors.exchange ? true : undefined} aria-describedby={errors.exchange ? "exchange-error exchange-help" : "exchange-help"} />
            <FieldError id="exchange-error" message={errors.exchange} />
            <p id="exchange-help" className="text-xs text-muted-foreground">Must already exist (durable). Waypoint never declares or changes it.</p>
          </div>
          <div className="grid content-start gap-2">
            <Label htmlFor="routingKey">Routing key</Label>
            <Input id="routingKey" name="routingKey" value={value.routingKey} onChange={(e) => set({ routingKey: e.target.value })} aria-invalid={errors.routingKey ? true : undefined} aria-describedby={errors.routingKey ? "routingKey-error routingKey-help" : "routingKey-help"} />
            <FieldError id="routingKey-error" message={errors.routingKey} />
            <p id="routingKey-help" className="text-xs text-muted-foreground">
              {placeholderHelp} key. A message no queue is bound for is reported as a failure, not dropped.
            </p>
          </div>
        </div>
      ) : (
        <div className="grid content-start gap-2">
          <Label htmlFor="subject">Subject</Label>
          <Input id="subject" name="subject" value={value.subject} onChange={(e) => set({ subject: e.target.value })} aria-invalid={errors.subject ? true : undefined} aria-describedby={errors.subject ? "subject-error subject-help" : "subject-help"} />
          <FieldError id="subject-error" message={errors.subject} />
          <p id="subject-help" className="text-xs text-muted-foreground">
            {placeholderHelp} subject. A JetStream stream must capture it; give it a duplicate window so retries are stored once.
          </p>
        </div>
      )}

      <fieldset className="grid gap-3" aria-describedby={errors.credentials ? "credentials-error" : undefined}>
        <legend className="mb-1 text-sm font-medium">Credentials</legend>
        <p className="text-xs text-muted-foreground" data-testid="credentials-note">
          Stored encrypted and never shown again.
          {stored ? ` Stored now: ${stored.kind === "password" ? `user "${stored.username}" with a password` : stored.kind === "token" ? "a token" : "a .creds file"}.` : " None stored yet."}
        </p>
        {value.type === "nats" ? (
          <div className="flex flex-wrap gap-4">
            {(["none", "password", "token", "creds"] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm">
                <input type="radio" name="credentialKind" value={kind} checked={value.credentialKind === kind} onChange={() => set({ credentialKind: kind })} className="size-4 accent-primary" />
                {{ none: "None", password: "User and password", token: "Token", creds: ".creds file" }[kind]}
              </label>
            ))}
          </div>
        ) : null}
        {value.type === "rabbitmq" || value.credentialKind === "password" ? (
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <div className="grid content-start gap-2">
              <Label htmlFor="brokerUsername">Username</Label>
              <Input id="brokerUsername" name="brokerUsername" autoComplete="off" value={value.username} onChange={(e) => set({ username: e.target.value })} />
            </div>
            <div className="grid content-start gap-2">
              <Label htmlFor="brokerPassword">Password</Label>
              <Input id="brokerPassword" name="brokerPassword" type="password" autoComplete="new-password" placeholder={stored ? "•••••••• (unchanged)" : ""} value={value.password} onChange={(e) => set({ password: e.target.value })} />
              <p className="text-xs text-muted-foreground">{keepNote.trim() || "The user needs write (publish) permission only."}</p>
            </div>
          </div>
        ) : null}
        {value.type === "nats" && value.credentialKind === "token" ? (
          <div className="grid content-start gap-2">
            <Label htmlFor="brokerToken">Token</Label>
            <Input id="brokerToken" name="brokerToken" type="password" autoComplete="off" placeholder={stored?.kind === "token" ? "•••••••• (unchanged)" : ""} value={value.token} onChange={(e) => set({ token: e.target.value })} />
          </div>
        ) : null}
        {value.type === "nats" && value.credentialKind === "creds" ? (
          <div className="grid content-start gap-2">
            <Label htmlFor="brokerCreds">.creds file contents</Label>
            <Textarea id="brokerCreds" name="brokerCreds" rows={4} className="font-mono text-xs" placeholder={stored?.kind === "creds" ? "(unchanged)" : "-----BEGIN NATS USER JWT-----"} value={value.creds} onChange={(e) => set({ creds: e.target.value })} />
          </div>
        ) : null}
        <FieldError id="credentials-error" message={errors.credentials} />
      </fieldset>
    </div>
  );
}
