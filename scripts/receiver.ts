// Local webhook receiver for development: `npm run receiver`.
// PORT (default 4010) and RECEIVER_SECRETS (comma-separated whsec_ secrets) come from the env.
// Drive it over HTTP: GET /__receiver/requests, GET /__receiver/modes, POST /__receiver/mode {path?, mode, verify?, rejectReplays?}
// (verify: 401 unless the signature verifies; rejectReplays: 409 to a webhook-id already accepted),
// POST /__receiver/secrets {secret}, POST /__receiver/reset.
import { startReceiver, type ReceivedWebhook } from "../lib/receiver/server";

const port = Number(process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (got "${process.env.PORT}")`);
  process.exit(1);
}
const secrets = (process.env.RECEIVER_SECRETS ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

// One line per request; secrets and signature values are never printed.
function logLine(w: ReceivedWebhook): void {
  const signature = w.signatureValid === null ? "unchecked" : w.signatureValid ? "valid" : "INVALID";
  const answer = w.answeredStatus ?? "held";
  const size = Buffer.byteLength(w.body);
  console.log(`${w.receivedAt.toISOString()} ${w.method} ${w.path} -> ${answer} sig=${signature} id=${w.webhookId ?? "-"} ${size}B`);
}

try {
  const receiver = await startReceiver({ port, secrets, onRequest: logLine });
  console.log(`Webhook receiver listening on ${receiver.url} (${secrets.length} secret(s) configured)`);
  const stop = () => void receiver.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (err) {
  console.error(`Could not start the receiver: ${(err as Error).message}`);
  process.exit(1);
}
