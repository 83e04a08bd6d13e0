"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Writes to the clipboard, falling back to a hidden textarea where the Clipboard API is missing (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

type Props = {
  /** The accessible name, which says what is copied ("Copy signing secret"). */
  label: string;
  text: string | (() => Promise<string | null>);
  children?: React.ReactNode;
  variant?: "outline" | "ghost" | "secondary";
  /** "default" beside an input of the same height. */
  size?: "sm" | "default";
};

/**
 * The one copy button: says "Copied" for a moment and never echoes the value; `text` may be
 * fetched on click (e.g. a secret revealed only then). Copies through copyText (with its fallback).
 */
export function CopyButton({ label, text, children, variant = "outline", size = "sm" }: Props) {
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  async function onClick() {
    setBusy(true);
    try {
      const value = typeof text === "string" ? text : await text();
      if (value === null) return;
      if (await copyText(value)) {
        setCopied(true);
        toast.success("Copied to the clipboard");
        setTimeout(() => setCopied(false), 2000);
      } else {
        toast.error("Could not copy. Select the text and copy it by hand.");
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button type="button" variant={variant} size={size} aria-label={label} onClick={onClick} disabled={busy}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {children ?? (copied ? "Copied" : "Copy")}
    </Button>
  );
}
