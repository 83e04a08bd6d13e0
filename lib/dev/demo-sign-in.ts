// Whether the sign-in page lists the demo accounts with one-click sign-in: under `next dev`
// (NODE_ENV=development), or when DEMO_SIGN_IN=1 asks for it on a local build (the demo e2e set-up).
// lib/env-schema.ts refuses DEMO_SIGN_IN=1 in production, so a production build never shows it.
export function demoSignInEnabled(env: { NODE_ENV?: string; DEMO_SIGN_IN?: string }): boolean {
  return env.NODE_ENV === "development" || env.DEMO_SIGN_IN === "1";
}
