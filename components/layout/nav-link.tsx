"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A main-navigation link, marked as the current page (`aria-current`) when the path is the link's or
 * below it, unless below one of `except` (sections of their own under the same path) or `exact`.
 */
export function NavLink({ href, exact = false, except = [], children }: { href: string; exact?: boolean; except?: readonly string[]; children: React.ReactNode }) {
  const path = usePathname();
  const below = (p: string) => path === p || path.startsWith(`${p}/`);
  const current = path === href || (!exact && below(href) && !except.some(below));
  return (
    <Link href={href} aria-current={current ? "page" : undefined}
      className={`block border-b-2 px-3 py-2 ${current ? "border-white font-semibold text-white" : "border-transparent text-brand-100 hover:bg-white/10 hover:text-white"}`}>
      {children}
    </Link>
  );
}
