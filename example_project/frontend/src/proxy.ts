// Hands the root layout the path it frames (Next gives a layout no path), so that <html lang> can be
// the language of the page found there, read from the API's answer for that path.
import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";

import { PATH_HEADER } from "@/lib/site";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Always set here, so a reader cannot send their own value through.
  headers.set(PATH_HEADER, request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
