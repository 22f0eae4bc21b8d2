export const roles = ['procuring-entity', 'contractor', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];
