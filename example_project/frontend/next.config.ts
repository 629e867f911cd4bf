// Next.js settings for the reference headless frontend of wagtail-runstrength.
// Everything is rendered on the server from the package's API; nothing is fetched at build time,
// no font or script is loaded from another host, and telemetry stays off (see the Makefile target).
import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Wagtail's paths end in "/" (/blog/post/) and the webhook POSTs to /api/revalidate without one:
  // serve both spellings as they come, never answer with a redirect (the webhook refuses redirects).
  skipTrailingSlashRedirect: true,
  // Images are the API's own renditions in plain <img srcset>; Next's optimiser is not used.
  images: { unoptimized: true },
};

export default config;
