// `call_to_action`: a complementary box with a heading, text and a button. `null` shows nothing;
// `url: null` (its page is hidden from readers) shows the heading and text without a button.
import type { BlockContext } from "./context";
import { localHref } from "@/lib/links";
import type { BlockOf } from "@/lib/types";

interface Props {
  id: string;
  value: BlockOf<"call_to_action">["value"];
  context: BlockContext;
}

export function CallToActionBlock({ id, value, context }: Props) {
  if (!value) return null;
  const headingId = `cta-${id}`;
  return (
    <aside className="cta" aria-labelledby={value.heading ? headingId : undefined} aria-label={value.heading ? undefined : "Call to action"}>
      {value.heading ? (
        <h2 id={headingId} className="cta__heading">
          {value.heading}
        </h2>
      ) : null}
      {value.text ? <p>{value.text}</p> : null}
      {value.url && value.button_label ? (
        <a className="button" href={localHref(value.url, context.siteOrigins)}>
          {value.button_label}
        </a>
      ) : null}
    </aside>
  );
}
