// The "How to verify" panel's code, generated for one endpoint (its path and format).
// Browser-safe text only. verify-snippets.test.ts runs the shell recipe and the Node calls
// against real signatures, so the panel cannot drift into advice that does not verify.
import type { PayloadFormat, SchemaVersion } from "@/lib/events/catalog";

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname || "/";
  } catch {
    return "/webhooks";
  }
};

/**
 * Express + the Standard Webhooks reference library (`npm install standardwebhooks`). For v2 it
 * also shows the ordering rule: `sequence` is 1, 2, 3 … per order, so a receiver applies an
 * event only when it is newer than the last one it applied for that order (a retry can arrive
 * after a newer event; a duplicate has the same number). v1 payloads carry no sequence.
 */
export function nodeVerifySnippet(input: { url: string; format: PayloadFormat; schemaVersion?: SchemaVersion }): string {
  const xml = input.format === "xml";
  const v2 = (input.schemaVersion ?? "v2") === "v2";
  const verify = xml
    ? [
        "    // The body is XML: jsonParse: false checks the signature without parsing it as JSON.",
        "    wh.verify(req.body, req.headers, { jsonParse: false });",
      ]
    : ["    event = wh.verify(req.body, req.headers); // returns the parsed JSON payload"];
  const ordering = v2
    ? [
        "// The highest sequence applied per order. In production, keep it with the order in your database.",
        "const lastSequence = new Map();",
      ]
    : [];
  const handle = !xml && v2
    ? [
        "  // sequence is 1, 2, 3 … per order. A retry can arrive after a newer event of the same order,",
        "  // and a repeat has the same number: apply an event only if it is newer than the last applied.",
        "  if (event.sequence <= (lastSequence.get(event.order_id) ?? 0)) return; // older or already applied",
        "  lastSequence.set(event.order_id, event.sequence);",
        "  console.log(id, event.order_id, event.sequence, event.event);",
      ]
    : !xml
      ? ["  console.log(id, event.event, event.order_id);"]
      : [
          '  const body = req.body.toString("utf8"); // parse with your XML library',
          ...(v2
            ? [
                '  // <sequence type="number"> is 1, 2, 3 … per <order_id>: apply the event only if it is above',
                "  // lastSequence.get(order_id); a retry can arrive after a newer event of the same order.",
              ]
            : []),
        ];
  return [
    'import express from "express";',
    'import { Webhook } from "standardwebhooks";',
    "",
    '// "whsec_…": Reveal → Copy on this page. Keep it in your secret store, not in code.',
    "const wh = new Webhook(process.env.WAYPOINT_WEBHOOK_SECRET);",
    "const app = express();",
    ...ordering,
    "",
    "// express.raw keeps the exact bytes: re-serialised JSON would not match the signature.",
    `app.post("${pathOf(input.url)}", express.raw({ type: "*/*" }), (req, res) => {`,
    ...(xml ? [] : ["  let event;"]),
    "  try {",
    "    // Checks webhook-signature against webhook-id + webhook-timestamp + body,",
    "    // and refuses timestamps more than 5 minutes away (replays).",
    ...verify,
    "  } catch {",
    '    return res.status(401).send("invalid signature");',
    "  }",
    "  // Answer 2xx fast (within the timeout); do slow work afterwards.",
    "  res.sendStatus(204);",
    '  // webhook-id is the same on every retry of one event: use it to skip duplicates.',
    '  const id = req.headers["webhook-id"];',
    ...handle,
    "});",
    "",
    "app.listen(3000);",
  ].join("\n");
}

/** Single-quotes a value for POSIX shells. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Computes a valid signature with openssl and posts a body the way Waypoint does, so a
 * receiver can be tried locally before any real event exists. Split in two so the test can
 * run the signing lines alone.
 */
export function curlSnippetParts(input: { url: string; format: PayloadFormat; body: string }) {
  const sign = [
    "SECRET='whsec_…'   # Reveal → Copy",
    `BODY=${shellQuote(input.body)}`,
    'ID="evt_test_$(date +%s)"',
    "TS=$(date +%s)",
    'KEY=$(printf \'%s\' "${SECRET#whsec_}" | base64 -d | xxd -p -c 256)',
    'SIG=$(printf \'%s\' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary | base64)',
  ];
  const send = [
    `curl -sS -X POST ${shellQuote(input.url)} \\`,
    `  -H 'content-type: ${input.format === "xml" ? "application/xml" : "application/json"}' \\`,
    '  -H "webhook-id: $ID" \\',
    '  -H "webhook-timestamp: $TS" \\',
    '  -H "webhook-signature: v1,$SIG" \\',
    '  --data-binary "$BODY"',
  ];
  return { sign, send };
}

export function curlSnippet(input: { url: string; format: PayloadFormat; body: string }): string {
  const { sign, send } = curlSnippetParts(input);
  return [...sign, ...send].join("\n");
}
