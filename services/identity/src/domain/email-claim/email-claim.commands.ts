export type ClaimEmail = {
  type: 'ClaimEmail';
  data: { email: string; personId: string; now: string };
};

export type EmailClaimCommand = ClaimEmail;
