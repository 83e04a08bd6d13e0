/**
 * The LISTEN/NOTIFY channel that wakes SMS engines when messages become due. Not the delivery
 * engines' channel: sharing it made every order event wake the SMS engine for an empty claim (a
 * write transaction each: ~200 a second at 250 orders/s in bench:http, with no SMS enabled).
 */
export const SMS_CHANNEL = "waypoint_sms";
