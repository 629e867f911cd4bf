// Receives the package's revalidation webhook (docs/api.md, "Revalidation webhooks") and expires
// exactly the paths it names. The body is read raw, since the signature covers those exact bytes;
// a missing or wrong signature, or a stale timestamp, is a 401 and changes nothing.
import { revalidatePath } from "next/cache";

import { revalidateSecret } from "@/lib/config";
import { verifySignature } from "@/lib/signature";

const MAX_BODY_BYTES = 1_000_000;

/** The payload's paths without their query ("/blog/?tag=knee" is the route of "/blog/"), deduplicated. */
function routePaths(payload: unknown): string[] | null {
  if (!payload || typeof payload !== "object" || !("paths" in payload) || !Array.isArray(payload.paths)) return null;
  const paths = new Set<string>();
  for (const item of payload.paths) {
    if (typeof item !== "string" || !item.startsWith("/")) return null;
    paths.add(item.split("?")[0] ?? item);
  }
  return [...paths].sort();
}

export async function POST(request: Request): Promise<Response> {
  const secret = revalidateSecret();
  if (!secret) return Response.json({ message: "RUNSTRENGTH_REVALIDATE_SECRET is not set" }, { status: 503 });
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return Response.json({ message: "body too large" }, { status: 413 });
  const timestamp = request.headers.get("x-runstrength-timestamp") ?? "";
  const signature = request.headers.get("x-runstrength-signature") ?? "";
  if (!verifySignature(secret, timestamp, body, signature)) {
    return Response.json({ message: "invalid or missing signature" }, { status: 401 });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return Response.json({ message: "body is not JSON" }, { status: 400 });
  }
  const paths = routePaths(payload);
  if (!paths) return Response.json({ message: "paths must be a list of root-relative paths" }, { status: 400 });
  for (const path of paths) revalidatePath(path);
  return Response.json({ revalidated: paths });
}
