// What every block component may need besides its own value: which origins are this site's (to
// turn the API's absolute page URLs into local links) and the page's language (for exercise links
// and dates).
export interface BlockContext {
  siteOrigins: Set<string>;
  locale?: string;
}
