"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `everyMs`, so relative times ("in 25 s") count down. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
