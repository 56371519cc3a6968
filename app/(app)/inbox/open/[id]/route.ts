import { NextResponse } from "next/server";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/session";
import { openNotification } from "@/lib/server/data/notifications";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Following a notification's link from the inbox marks it read, then goes where it points (own notifications only). */
export const GET = handler(async (request: Request, context: Context) => {
  const { id } = params.parse(await context.params);
  const user = await authorize("notification.read");
  const opened = await openNotification(user.id, id);
  if (!opened) throw new NotFoundError("notFound");
  return NextResponse.redirect(new URL(opened.link ?? "/inbox", request.url), 303);
});
