export type ClaimEmail = {
  type: 'ClaimEmail';
  data: { email: string; personId: string; now: string };
};

/** Frees the address of an erased person, so it can be registered again. */
export type ReleaseEmail = {
  type: 'ReleaseEmail';
  data: { personId: string; now: string };
};

export type EmailClaimCommand = ClaimEmail | ReleaseEmail;
