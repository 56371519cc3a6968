import { redirect } from "next/navigation";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/server/auth/session";

export const dynamic = "force-dynamic";

export default async function Root() {
  const user = await currentUser();
  redirect(user ? HOME_BY_ROLE[user.role] : "/signin");
}
