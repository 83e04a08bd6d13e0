import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/providers/app-providers";
import { env } from "@/lib/env";
import "./globals.css";

// Icons and the share card live in public/ (scripts/generate-brand-assets.ts makes the PNGs).
// metadataBase makes the Open Graph image URL absolute, as link previews need.
export const metadata: Metadata = {
  metadataBase: new URL(env.APP_URL),
  title: { default: "Waypoint", template: "%s · Waypoint" },
  description: "Real-time order tracking and partner webhooks",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  openGraph: {
    siteName: "Waypoint",
    images: [{ url: "/og.png", width: 1200, height: 630, alt: "Waypoint: real-time order tracking and signed partner webhooks" }],
  },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}
