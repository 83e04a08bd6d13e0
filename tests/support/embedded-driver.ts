// Imported first by a test file whose ingest must announce work the way production does
// (DELIVERY_ENGINE=embedded: wake this process's claim loops and NOTIFY the others). The
// integration setup sets "off"; this runs before any app module reads the env (once).
process.env.DELIVERY_ENGINE = "embedded";
