import { PlatformRole } from './roles';

/** Who sends a command, as the authentication layer established it. */
export interface Actor {
  personId: string;
  platformRoles: PlatformRole[];
}

export const isPlatformAdmin = (actor: Actor): boolean => actor.platformRoles.includes('platform_admin');
