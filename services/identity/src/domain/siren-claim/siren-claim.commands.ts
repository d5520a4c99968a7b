export type ClaimSiren = {
  type: 'ClaimSiren';
  data: { siren: string; companyId: string; now: string };
};

export type SirenClaimCommand = ClaimSiren;
