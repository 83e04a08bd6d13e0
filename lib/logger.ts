import "server-only";
import pino from "pino";
import { envVar } from "@/lib/env-schema";

// Secrets must never reach the logs: these paths are censored wherever they appear.
export const logger = pino({
  level: envVar("LOG_LEVEL"),
  redact: {
    paths: ["secret", "*.secret", "secrets", "*.secrets", "password", "*.password", "apiKey", "*.apiKey", "authorization", "*.authorization", "headers.authorization", "*.headers.authorization", 'headers["webhook-signature"]'],
    censor: "[redacted]",
  },
});
