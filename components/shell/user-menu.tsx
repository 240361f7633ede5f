import Link from 'next/link';

type UserMenuProps = {
  name: string;
  roleLabel: string;
  signOutAction: () => Promise<void>;
};

/** The signed-in person, their tokens and sign-out (a POST, so it cannot be triggered by a link). */
export function UserMenu({ name, roleLabel, signOutAction }: Readonly<UserMenuProps>) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-slate-200">
        <span className="font-medium">{name}</span>
        <span className="text-slate-600">({roleLabel})</span>
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        <Link href="/account/tokens" className="block rounded px-3 py-2 text-sm hover:bg-slate-100">
          My API tokens
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
