// Rich text from the API (intro, paragraph blocks): Wagtail's HTML, already limited to the editor's
// features and with internal links resolved to real URLs, so it is inserted as it comes.
export function RichText({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
