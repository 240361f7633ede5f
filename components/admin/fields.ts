// The fields of each administration form, shared by its create and edit pages.
import { ROLES, ROLE_LABEL, type Role } from '@/lib/policy/permissions';
import type { AdminField } from '@/components/admin/admin-form';

type Option = { id: string; name: string };

function teamOptions(teams: Option[]) {
  return teams.map((team) => ({ value: team.id, label: team.name }));
}

function slugHint(example: string, use: string): string {
  return `Lowercase kebab-case, e.g. "${example}". ${use}`;
}

export function userFields(user: { role: Role; isStaffPlus: boolean; isActive: boolean; teamId: string | null }, teams: Option[]): AdminField[] {
  return [
    { kind: 'select', name: 'role', label: 'Role', value: user.role, options: ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] })) },
    { kind: 'select', name: 'teamId', label: 'Team', value: user.teamId ?? '', placeholder: 'No team', options: teamOptions(teams) },
    { kind: 'checkbox', name: 'isStaffPlus', label: 'Staff+', hint: 'Counts toward the two Staff+ reviews a major change needs (CTRL-012.1).', checked: user.isStaffPlus },
    { kind: 'checkbox', name: 'isActive', label: 'Active', hint: 'Unticking ends their sessions at once and stops their personal tokens.', checked: user.isActive },
  ];
}

export function teamFields(team?: { slug: string; name: string }): AdminField[] {
  const name: AdminField = { kind: 'text', name: 'name', label: 'Name', value: team?.name, maxLength: 100 };
  // The slug is set once: flag keys start with it (CTRL-012.4).
  if (team) return [name];
  return [{ kind: 'text', name: 'slug', label: 'Slug', hint: slugHint('payments', "It starts the team's flag keys and cannot be changed later."), maxLength: 40 }, name];
}

export function serviceFields(teams: Option[], service?: { slug: string; name: string; teamId: string }): AdminField[] {
  return [
    { kind: 'text', name: 'slug', label: 'Slug', hint: slugHint('checkout-api', 'Pipelines refer to the service by it.'), value: service?.slug, maxLength: 40 },
    { kind: 'text', name: 'name', label: 'Name', value: service?.name, maxLength: 100 },
    { kind: 'select', name: 'teamId', label: 'Owning team', value: service?.teamId ?? '', placeholder: 'Choose a team', options: teamOptions(teams) },
  ];
}

export function environmentFields(environment?: { slug: string; name: string; isProduction: boolean; isGated: boolean }): AdminField[] {
  return [
    { kind: 'text', name: 'slug', label: 'Slug', hint: slugHint('production', 'Pipelines refer to the environment by it.'), value: environment?.slug, maxLength: 40 },
    { kind: 'text', name: 'name', label: 'Name', value: environment?.name, maxLength: 100 },
    { kind: 'checkbox', name: 'isProduction', label: 'Production', checked: environment?.isProduction },
    // New environments start gated: when in doubt the gate enforces.
    { kind: 'checkbox', name: 'isGated', label: 'Gated', hint: 'Freeze rules and approvals are enforced by the deploy gate here.', checked: environment?.isGated ?? true },
  ];
}
