// Leaves the headless preview: turns draft mode off for this browser and goes to the home page,
// so the editor reads cached, published pages again.
import { draftMode } from "next/headers";
import { redirect } from "next/navigation";

export async function GET(): Promise<Response> {
  (await draftMode()).disable();
  redirect("/");
}
