export function DemoBanner() {
  return (
    <div className="bg-amber-300 px-4 py-1.5 text-center text-sm font-medium text-amber-950">
      Demo mode: demo sign-in with shared passwords is enabled. Do not use this instance for real changes.
    </div>
  );
}
