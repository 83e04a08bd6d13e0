// Forked by bench/delivery.ts: can app/api/v1/orders/route.ts be imported in this runtime (tsx
// with --conditions=react-server)? A failed import can take the importing process down with it
// (errors thrown while Next's CJS modules load), so it is tried here, in a throwaway process.
try {
  const mod = await import("@/app/api/v1/orders/route");
  process.send?.({ ok: typeof mod.POST === "function" });
} catch (err) {
  process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) });
}
setImmediate(() => process.exit(0));
export {};
