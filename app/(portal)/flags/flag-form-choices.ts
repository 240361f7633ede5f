import type { FlagFormOptions } from '@/lib/server/flags/queries';

/** The flag form's choices as labelled options. */
export function flagFormChoices({ teams, people, features }: FlagFormOptions) {
  return {
    teams: teams.map((team) => ({ id: team.id, label: `${team.name} (${team.slug})` })),
    people: people.map((person) => ({ id: person.id, label: person.name ? `${person.name} (${person.email})` : person.email })),
    features: features.map((feature) => ({ id: feature.id, label: `${feature.name} (${feature.key})` })),
  };
}
