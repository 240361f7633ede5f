// The seeded demo accounts (dev and demo only; their password sign-in works only in demo mode).
import type { Role } from '@/lib/policy/permissions';

export const DEMO_PASSWORD = 'changeboard-demo';

export type DemoAccount = { email: string; name: string; role: Role; isStaffPlus: boolean; teamSlug: string | null; description: string };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'engineer1@changeboard.test', name: 'Erin Engineer', role: 'engineer', isStaffPlus: false, teamSlug: 'payments', description: 'Engineer, Payments' },
  { email: 'engineer2@changeboard.test', name: 'Eli Engineer', role: 'engineer', isStaffPlus: false, teamSlug: 'identity', description: 'Engineer, Identity' },
  { email: 'staff1@changeboard.test', name: 'Sasha Staff', role: 'engineer', isStaffPlus: true, teamSlug: 'platform', description: 'Staff+ engineer, Platform' },
  { email: 'staff2@changeboard.test', name: 'Sam Staff', role: 'engineer', isStaffPlus: true, teamSlug: 'payments', description: 'Staff+ engineer, Payments' },
  { email: 'manager1@changeboard.test', name: 'Morgan Manager', role: 'manager', isStaffPlus: false, teamSlug: 'payments', description: 'Engineering manager, Payments' },
  { email: 'auditor1@changeboard.test', name: 'Avery Auditor', role: 'auditor', isStaffPlus: false, teamSlug: null, description: 'Auditor (read-only)' },
  { email: 'admin@changeboard.test', name: 'Ada Admin', role: 'admin', isStaffPlus: false, teamSlug: 'platform', description: 'Administrator' },
];
