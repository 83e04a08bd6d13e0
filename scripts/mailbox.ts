import { startMailbox } from "@/lib/mail/mailbox-server";

// Development mail catcher: `npm run mailbox`, then start the app with
// SMTP_URL=smtp://127.0.0.1:2525 and open http://127.0.0.1:2580 to read invites and resets.
const mailbox = await startMailbox({
  smtpPort: Number(process.env.MAILBOX_SMTP_PORT ?? 2525),
  httpPort: Number(process.env.MAILBOX_HTTP_PORT ?? 2580),
});
console.log(`mailbox: SMTP on 127.0.0.1:${mailbox.smtpPort} (SMTP_URL=smtp://127.0.0.1:${mailbox.smtpPort}), inbox at http://127.0.0.1:${mailbox.httpPort}`);

const stop = async () => {
  await mailbox.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
