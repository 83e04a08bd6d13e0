import "server-only";
import { env } from "@/lib/env";

export const trackingUrl = (token: string) => new URL(`/t/${token}`, env.APP_URL).toString();
