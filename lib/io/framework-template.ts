import type { FrameworkDoc } from "@/lib/domain/framework";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import example from "@/examples/ca-mau-1880.framework.json";

/** The filled-in example behind the Excel template: the real Cà Mau 1880/QĐ-UBND (2013) criteria 1.1–1.2. */
export const TEMPLATE_FRAMEWORK: FrameworkDoc = frameworkDocSchema.parse(example);
