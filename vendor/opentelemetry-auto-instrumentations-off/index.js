// Stands in for @opentelemetry/auto-instrumentations-node. inngest 4 lists that package as a
// dependency but imports it only inside createProvider (its `extendedTraces` option), which
// Waypoint does not use. The real package brings ~40 instrumentation packages: 35,000 of the
// 91,000 files `npm install` writes, ~15 s of a first install on a 2-core box. If extended traces
// are ever switched on, this answers "no automatic instrumentations" instead of failing; restore
// the real package then (remove the override and this dependency in package.json).
"use strict";
exports.getNodeAutoInstrumentations = function getNodeAutoInstrumentations() {
  return [];
};
