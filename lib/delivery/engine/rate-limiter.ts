/** Token bucket per endpoint: `perSecond` sends a second, bursts up to the same number. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** Milliseconds to wait before the next send may go; 0 means go now (and a token is taken). */
  take(key: string, perSecond: number, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, at: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
  }
}
