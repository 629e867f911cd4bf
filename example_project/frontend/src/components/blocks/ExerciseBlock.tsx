// `exercise`: one exercise card with the article's dose and note. `null` (the exercise was
// unpublished or deleted) shows nothing: the note may describe the hidden exercise.
import { ExerciseCard } from "../ExerciseCard";
import type { BlockContext } from "./context";
import type { BlockOf } from "@/lib/types";

export function ExerciseBlock({ value, context }: { value: BlockOf<"exercise">["value"]; context: BlockContext }) {
  if (!value) return null;
  return (
    <div className="exercise-single">
      <ExerciseCard
        exercise={value.exercise}
        prescription={value.prescription}
        note={value.note}
        headingLevel={3}
        locale={context.locale}
      />
    </div>
  );
}
