/**
 * Who sends a command, as every service's domain sees it: the same type in every decider, filled
 * by the authentication layer (which knows more: email, session) or by the system itself.
 */
export interface Actor {
  personId: string;
  platformRoles: PlatformRole[];
}

/** Roles a person holds on the whole platform (company roles live in identity's domain). */
export type PlatformRole = 'territory_coordinator' | 'platform_admin';
export const PLATFORM_ROLES: readonly PlatformRole[] = ['territory_coordinator', 'platform_admin'];

export const isPlatformRole = (value: unknown): value is PlatformRole => (PLATFORM_ROLES as readonly unknown[]).includes(value);
export const isPlatformAdmin = (actor: Pick<Actor, 'platformRoles'>): boolean => actor.platformRoles.includes('platform_admin');
export const isTerritoryCoordinator = (actor: Pick<Actor, 'platformRoles'>): boolean => actor.platformRoles.includes('territory_coordinator');

/** The platform acting on its own (bootstrap grants, expiries, policies reacting to events). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ personId: 'system', platformRoles: ['platform_admin'] as PlatformRole[] });

/** The one clock type: services inject it, deciders never call it (time comes in on commands). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
