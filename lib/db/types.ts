import type { Prisma } from "@/lib/db/generated/client";

export type Tx = Prisma.TransactionClient;

/** Postgres unique violation, as Prisma reports it. */
export const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
