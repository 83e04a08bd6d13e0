"use client";

import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { ORDER_STATUSES, STATUS_LABELS, type OrderStatus } from "@/lib/events/catalog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

const ALL = "all";
// Typing "4214" should not fetch "4", "42", "421" on the way.
const SEARCH_DEBOUNCE_MS = 300;

type Props = { q: string; status: OrderStatus | null; onSearch: (q: string) => void; onStatus: (status: OrderStatus | null) => void };

export function OrdersFilters({ q, status, onSearch, onStatus }: Props) {
  const [text, setText] = useState(q);
  // Back/forward navigation changes the URL under us: follow it (React's "adjust state while
  // rendering" pattern), unless it is our own debounced search arriving.
  const [seenQ, setSeenQ] = useState(q);
  if (q !== seenQ) {
    setSeenQ(q);
    if (q !== text.trim()) setText(q);
  }
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, q, onSearch]);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid min-w-64 flex-1 gap-1.5">
        <Label htmlFor="orders-search">Search orders</Label>
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            id="orders-search"
            type="search"
            className="pl-9"
            placeholder="Order ref, phone's last digits (4214), name or tracking link"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && onSearch(text.trim())}
          />
        </div>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="orders-status">Status</Label>
        <Select value={status ?? ALL} onValueChange={(v) => onStatus(v === ALL ? null : (v as OrderStatus))}>
          <SelectTrigger id="orders-status" className="w-48">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All statuses</SelectItem>
            {ORDER_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {STATUS_LABELS[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}
