import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";

/**
 * SMS engines wake on the delivery engines' NOTIFY channel: one LISTEN per process covers both,
 * and a notification that finds no due row costs one empty claim query.
 */
export const SMS_CHANNEL = DELIVERY_CHANNEL;
