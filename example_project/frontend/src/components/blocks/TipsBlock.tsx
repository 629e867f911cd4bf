// `tips`: the same shape as key points, shown as an unordered list.
import type { BlockOf } from "@/lib/types";

export function TipsBlock({ value }: { value: BlockOf<"tips">["value"] }) {
  return (
    <ul className="tips">
      {value.items.map((item, index) => (
        <li key={index}>
          <strong>{item.title}</strong> {item.text}
        </li>
      ))}
    </ul>
  );
}
