import "server-only";
import { db } from "@/lib/server/db/client";

export type UnitName = { nameVi: string; nameEn: string };

/** Names of units by code (e.g. the predecessors a merged unit is compared with); unknown codes are left out. */
export async function unitNames(codes: readonly string[]): Promise<Map<string, UnitName>> {
  if (codes.length === 0) return new Map();
  const prisma = await db();
  const units = await prisma.unit.findMany({ where: { code: { in: [...new Set(codes)] } }, select: { code: true, nameVi: true, nameEn: true } });
  return new Map(units.map((u) => [u.code, { nameVi: u.nameVi, nameEn: u.nameEn }]));
}
