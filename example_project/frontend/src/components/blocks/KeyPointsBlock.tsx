// `key_points`: a numbered list, each item a bold title and its text.
import type { BlockOf } from "@/lib/types";

export function KeyPointsBlock({ value }: { value: BlockOf<"key_points">["value"] }) {
  return (
    <ol className="key-points">
      {value.items.map((item, index) => (
        <li key={index}>
          <strong>{item.title}</strong> {item.text}
        </li>
      ))}
    </ol>
  );
}
