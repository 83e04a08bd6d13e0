import "server-only";
import { db } from "@/lib/db/client";

export const listPartners = () =>
  db.partner.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, tier: true } });

export const getPartner = (partnerId: string) =>
  db.partner.findUnique({ where: { id: partnerId } });
