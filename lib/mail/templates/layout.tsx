import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

// One plain layout for every Waypoint mail: a heading, a few paragraphs, at most one button.
// Inline styles only (mail clients drop <style> and classes); no images, so nothing is fetched.

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e4e4e7", borderRadius: "8px", maxWidth: "560px", padding: "32px" },
  brand: { color: "#18181b", fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", margin: "0 0 24px" },
  heading: { color: "#18181b", fontSize: "20px", fontWeight: 600, margin: "0 0 16px" },
  text: { color: "#3f3f46", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  button: { backgroundColor: "#18181b", borderRadius: "6px", color: "#ffffff", fontSize: "15px", fontWeight: 600, padding: "12px 20px" },
  small: { color: "#71717a", fontSize: "13px", lineHeight: "20px", margin: "0 0 8px" },
  link: { color: "#2563eb", wordBreak: "break-all" as const },
};

export type LayoutProps = {
  preview: string;
  heading: string;
  children: ReactNode;
  /** The one thing the mail asks the reader to do. */
  action?: { label: string; url: string };
  /** Small print under the button: expiry, "you can ignore this". */
  footnote?: ReactNode;
};

export function Layout({ preview, heading, children, action, footnote }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      {/* Inside <Body>: React would move it there anyway, and lib/mail/static-markup.ts mirrors React. */}
      <Body style={styles.body}>
        <Preview>{preview}</Preview>
        <Container style={styles.container}>
          <Text style={styles.brand}>WAYPOINT</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          {action && <ActionButton {...action} />}
          {footnote && (
            <>
              <Hr />
              {footnote}
            </>
          )}
        </Container>
      </Body>
    </Html>
  );
}

// The URL is also written out for clients that block buttons; the plain-text part skips that
// line, since its button already reads "label URL".
function ActionButton({ label, url }: { label: string; url: string }) {
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button href={url} style={styles.button}>
        {label}
      </Button>
      <Text style={styles.small} data-skip-in-text="true">
        Or open this link: <Link href={url} style={styles.link}>{url}</Link>
      </Text>
    </Section>
  );
}

export const Paragraph = ({ children }: { children: ReactNode }) => <Text style={styles.text}>{children}</Text>;
export const Small = ({ children }: { children: ReactNode }) => <Text style={styles.small}>{children}</Text>;

/** "Tue, 12 May 2026, 14:30 UTC": one unambiguous form, whatever the reader's time zone. */
export function formatExpiry(date: Date): string {
  const text = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(date);
  return `${text} UTC`;
}
