import { defineConfig } from "@playwright/test";

// Debian's Chromium, launched by path: Playwright never downloads a browser here.
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const port = Number(process.env.E2E_PORT ?? 3100);
const receiverPort = Number(process.env.RECEIVER_PORT ?? 4010);
// The mail catcher the app sends to (scripts/e2e.ts sets SMTP_URL to its SMTP port).
const mailboxSmtpPort = Number(process.env.MAILBOX_SMTP_PORT ?? 2525);
const mailboxHttpPort = Number(process.env.MAILBOX_HTTP_PORT ?? 2580);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: `test-results/${port}`,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `npx next start -p ${port}`,
      url: `http://localhost:${port}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: "npx tsx scripts/receiver.ts",
      url: `http://127.0.0.1:${receiverPort}/__receiver/requests`,
      env: { PORT: String(receiverPort) },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "npx tsx scripts/mailbox.ts",
      url: `http://127.0.0.1:${mailboxHttpPort}/api/messages`,
      env: { MAILBOX_SMTP_PORT: String(mailboxSmtpPort), MAILBOX_HTTP_PORT: String(mailboxHttpPort) },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
