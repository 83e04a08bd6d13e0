import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The one walk over app/api/v1: the OpenAPI test (every handler documented), the tenant-isolation
// matrix (every handler checked) and the route server (every handler mounted) find the route
// handlers the same way, so none of them can miss a route the others see.

export const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const APP_DIR = path.resolve(API_DIR, "../..");

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/** Every route.ts under `dir`, skipping private folders (`_document/`). */
export function routeFiles(dir: string = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/orders/[orderId]/events/route.ts → /api/v1/orders/{orderId}/events */
export const urlTemplate = (file: string) =>
  "/" +
  path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))
    .join("/");

/** The HTTP methods a route file exports, read from its source. */
export const exportedMethods = (source: string): Method[] => METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));

/** Every exported method of every route file, sorted by file: { file, method, template }. */
export function apiRouteMethods(dir: string = API_DIR): { file: string; method: Method; template: string }[] {
  return routeFiles(dir)
    .sort()
    .flatMap((file) => exportedMethods(readFileSync(file, "utf8")).map((method) => ({ file, method, template: urlTemplate(file) })));
}
