import { handlers } from "@/lib/server/auth/nextauth";

export const { GET, POST } = handlers;
