// Checks the package's webhook signature (wagtail_runstrength/webhooks.py, sign()): the header is
// "sha256=" and the hex HMAC-SHA256, keyed with the shared secret, of "<timestamp>.<raw body>".
// Compared in constant time; a timestamp more than `toleranceSeconds` away from now is refused,
// so a captured request cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TOLERANCE_SECONDS = 300;

export function expectedSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex")}`;
}

export function isFresh(timestamp: string, nowSeconds: number, toleranceSeconds = TOLERANCE_SECONDS): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowSeconds - Number(timestamp)) <= toleranceSeconds;
}

export function verifySignature(
  secret: string,
  timestamp: string,
  rawBody: string,
  signature: string,
  nowSeconds = Date.now() / 1000,
): boolean {
  if (!secret || !signature || !isFresh(timestamp, nowSeconds)) return false;
  const expected = Buffer.from(expectedSignature(secret, timestamp, rawBody), "utf8");
  const received = Buffer.from(signature, "utf8");
  // timingSafeEqual needs equal lengths; a length mismatch reveals only the (public) format's length.
  return received.length === expected.length && timingSafeEqual(received, expected);
}
