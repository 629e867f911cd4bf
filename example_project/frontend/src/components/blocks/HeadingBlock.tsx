// `heading`: an h2, h3 or h4 with the API's anchor as its id, the table of contents' targets.
import type { BlockOf } from "@/lib/types";

export function HeadingBlock({ value }: { value: BlockOf<"heading">["value"] }) {
  const Tag = value.level;
  return (
    <Tag id={value.anchor} className="heading">
      {value.text}
    </Tag>
  );
}
