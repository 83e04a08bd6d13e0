/** The LISTEN/NOTIFY channel that wakes delivery engines when deliveries become due. */
export const DELIVERY_CHANNEL = "waypoint_deliveries";
