// The Cognito user pools: one, whose groups are the roles (shared/auth/roles.ts). Functions that
// manage accounts are granted it (functions/function-spec.ts), as they are granted a table.
export const userPools = ['users'] as const;
export type UserPoolName = (typeof userPools)[number];
