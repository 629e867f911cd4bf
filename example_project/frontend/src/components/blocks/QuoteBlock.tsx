// `quote`: a blockquote in a figure, with its attribution as the caption.
import type { BlockOf } from "@/lib/types";

export function QuoteBlock({ value }: { value: BlockOf<"quote">["value"] }) {
  return (
    <figure className="quote">
      <blockquote>
        <p>{value.quote}</p>
      </blockquote>
      {value.attribution ? <figcaption>{value.attribution}</figcaption> : null}
    </figure>
  );
}
