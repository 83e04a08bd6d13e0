import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";
// Next's runtime injects inline scripts; nonces would force every page dynamic, so inline is
// allowed but nothing from other origins is, and no one may frame the app.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: csp },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  typedRoutes: false,
  // Separate build folders let several e2e runs share one checkout (E2E_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm run typecheck` checks types once for the whole repo; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pino", "pg"],
  // `npm run dev`'s demo traffic (lib/dev/traffic-runner.ts) would fill the terminal: its requests are not logged.
  logging: { incomingRequests: { ignore: [/[?&]source=demo-traffic\b/] } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Public tracking links are the customer's secret: never indexed, never sent on as a
      // referrer. Listed after the catch-all so this Referrer-Policy wins.
      {
        source: "/t/:token*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
      // Partners' uploaded logos (app/logos/[logoId]) are images only: a CSP that allows nothing,
      // after the catch-all so it wins (the route handler sends the same).
      { source: "/logos/:logoId", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; sandbox" }] },
    ];
  },
};

export default nextConfig;
